// Importer for the Book-Author truth-discovery data set (Yin, Han and Yu, KDD 2007): tuples
// store<TAB>isbn<TAB>title<TAB>author_list, and its gold file of isbn<TAB>authors records.
#ifndef CREDENCE_INPUT_BOOK_READER_H_
#define CREDENCE_INPUT_BOOK_READER_H_

#include <string>
#include <string_view>
#include <vector>

#include "credence/document.h"
#include "credence/input.h"

namespace credence::input_internal {

// The normalised form of a raw author list: the set of author surnames, lower case, letters and
// digits only, sorted and joined by "; ". Empty when the list names nobody ("", "Not
// Available"). Rule (the "sets of surnames" variant of the normalisation described with the
// data set): decode HTML entities; drop parenthesised role tags such as "(Author)"; split on
// ';', '/', '&' and the word "and"; a piece with commas is either "Last, First[, Last, First
// ...]" (alternating parts, surnames at even positions) or, when every comma-separated part has
// two or more words, a list of "First Last" names; a piece without commas is "First Last" and
// its surname is the last word (suffixes "jr", "sr", "ii", "iii" skipped).
std::string NormalizeAuthorList(std::string_view raw);

// Reads book.txt: one outlet per store, one proposition (subject isbn, predicate "authors") per
// book, one category claim per row with the normalised author list. Rows whose list normalises
// to nothing are skipped; a store repeating the same normalised list for a book counts once.
// Errors name file and line: wrong field counts, empty store or isbn, invalid UTF-8, fields or
// lines over the limits of `options`, and a file with no claim at all.
ClaimsDocument ReadBookAuthor(const std::string& path, const ReadOptions& options = {});
// The same, of the file's bytes as read; `path` names it in messages.
ClaimsDocument ParseBookAuthor(std::string_view bytes, const std::string& path,
                               const ReadOptions& options = {});

// Reads book_golden.txt (isbn<TAB>authors records, blank lines between them) with the same
// normalisation. Errors name file and line, as for ReadBookAuthor; an isbn given two different
// author lists is refused at the later line, one given the same list twice is read once.
std::vector<TruthRecord> ReadBookTruth(const std::string& path, const ReadOptions& options = {});
std::vector<TruthRecord> ParseBookTruth(std::string_view bytes, const std::string& path,
                                        const ReadOptions& options = {});

}  // namespace credence::input_internal

#endif  // CREDENCE_INPUT_BOOK_READER_H_
