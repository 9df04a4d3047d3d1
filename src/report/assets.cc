#include "report/assets.h"

#include <openssl/evp.h>
#include <openssl/sha.h>

#include <array>

namespace credence::report_internal {

const std::string_view kStyleSheet = R"css(
:root { color-scheme: light; --ink: #1a1a1a; --muted: #555; --rule: #c8c8c8; --band: #f3f3f3; }
* { box-sizing: border-box; }
body { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif;
  color: var(--ink); margin: 0 auto; max-width: 1180px; padding: 0 16px 48px; }
h1 { font-size: 1.6em; margin: 20px 0 4px; }
h2 { font-size: 1.3em; margin: 36px 0 8px; border-bottom: 2px solid var(--ink); }
h3 { font-size: 1.05em; margin: 28px 0 4px; }
a { color: #005a8e; }
.skip { position: absolute; left: -999px; }
.skip:focus { left: 8px; top: 8px; background: #fff; padding: 4px; }
nav ul { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: 4px 16px; }
.lede { color: var(--muted); margin: 0 0 8px; }
.counts { display: flex; flex-wrap: wrap; gap: 4px 18px; padding: 0; list-style: none; }
.id { font-family: ui-monospace, "DejaVu Sans Mono", monospace; font-size: 0.88em; word-break: break-all; }
.note, .via, .title { color: var(--muted); font-size: 0.88em; }
table { border-collapse: collapse; margin: 8px 0 16px; width: 100%; }
#outlet-table { font-size: 0.9em; }
.claims td:nth-child(4), .claims td:nth-child(5), .claims td:nth-child(6),
#supersession-table td:first-child, #outlet-table td:nth-child(5) { white-space: nowrap; }
#outlet-table td:nth-child(2) { min-width: 260px; }
caption { text-align: left; font-weight: 600; padding: 4px 0; }
th, td { border-bottom: 1px solid var(--rule); padding: 4px 6px; text-align: left; vertical-align: top; }
thead th { background: var(--band); position: sticky; top: 0; }
th button.sort { font: inherit; font-weight: 600; background: none; border: 0; padding: 0; cursor: pointer; color: inherit; text-align: left; }
th[aria-sort=ascending] button.sort::after { content: " \25B2"; }
th[aria-sort=descending] button.sort::after { content: " \25BC"; }
tr:target { outline: 3px solid #E69F00; }
tr:target details > .explanation { display: block; }
details > summary { cursor: pointer; color: #005a8e; }
.explanation { max-width: 560px; font-size: 0.92em; }
.claims td:has(details[open]) { min-width: 460px; }
.explanation dl { display: grid; grid-template-columns: max-content 1fr; gap: 2px 10px; margin: 4px 0; }
.explanation dt { font-weight: 600; }
.explanation dd { margin: 0; }
.scroll { overflow-x: auto; }
svg text { font: 12px system-ui, "DejaVu Sans", sans-serif; fill: var(--ink); }
svg .axis { fill: var(--muted); font-size: 11px; }
svg .grid { stroke: #d9d9d9; stroke-width: 1; }
svg .band { fill: #f6f6f6; }
svg .interval { stroke: #000; stroke-width: 2; }
svg .prior { stroke: #777; stroke-dasharray: 4 3; stroke-width: 1; }
svg .segment { fill: #56B4E9; stroke: #1f6f99; stroke-width: 0.8; }
svg .change-window { fill: #CC79A7; fill-opacity: 0.16; }
svg .change-interval { fill: #CC79A7; fill-opacity: 0.38; }
svg .change-point { stroke: #000; stroke-width: 1.5; stroke-dasharray: 5 3; }
svg .convergence polyline { fill: none; stroke: #0072B2; stroke-width: 1.5; }
svg a:focus { outline: 2px solid #000; }
.glyph { vertical-align: -1px; }
.symbols { position: absolute; }
.legend { display: grid; grid-template-columns: max-content 1fr; gap: 4px 12px; align-items: center; }
.legend svg { display: block; }
.filter input { font: inherit; padding: 3px 6px; min-width: 260px; margin: 4px 0; }
.proposition[hidden], tr[hidden] { display: none; }
/* Large pages: the browser lays out only what is on screen. */
.proposition { content-visibility: auto; contain-intrinsic-size: auto 700px; }
.long { content-visibility: auto; contain-intrinsic-size: auto 3000px; }
@media print {
  body { max-width: none; font-size: 11pt; }
  nav, .filter, .skip, th button.sort::after { display: none; }
  thead th { position: static; }
  h2 { break-after: avoid; }
  .proposition, tr, svg { break-inside: avoid; }
  .proposition, .long { content-visibility: visible; }
  a { color: inherit; text-decoration: none; }
  details > .explanation { display: block; }
}
)css";

const std::string_view kScript = R"js(
(function () {
  'use strict';
  document.documentElement.classList.add('js');
  function sortKey(cell) {
    var key = cell.getAttribute('data-sort');
    if (key === null) key = cell.textContent.trim();
    var number = Number(key);
    return key !== '' && isFinite(number) ? number : key.toLowerCase();
  }
  function compare(a, b) {
    if (typeof a !== typeof b) { a = String(a); b = String(b); }
    return a < b ? -1 : a > b ? 1 : 0;
  }
  Array.prototype.forEach.call(document.querySelectorAll('table.sortable'), function (table) {
    var heads = table.tHead.rows[0].cells;
    Array.prototype.forEach.call(heads, function (th, column) {
      var button = document.createElement('button');
      button.type = 'button';
      button.className = 'sort';
      while (th.firstChild) button.appendChild(th.firstChild);
      th.appendChild(button);
      button.addEventListener('click', function () {
        var ascending = th.getAttribute('aria-sort') !== 'ascending';
        Array.prototype.forEach.call(heads, function (h) { h.removeAttribute('aria-sort'); });
        th.setAttribute('aria-sort', ascending ? 'ascending' : 'descending');
        var body = table.tBodies[0];
        var rows = Array.prototype.map.call(body.rows, function (row, index) {
          return { row: row, key: sortKey(row.cells[column]), index: index };
        });
        rows.sort(function (a, b) {
          return (ascending ? 1 : -1) * compare(a.key, b.key) || a.index - b.index;
        });
        rows.forEach(function (entry) { body.appendChild(entry.row); });
      });
    });
  });
  Array.prototype.forEach.call(document.querySelectorAll('.filter[data-target]'), function (box) {
    var target = document.getElementById(box.getAttribute('data-target'));
    if (!target) return;
    var input = document.createElement('input');
    input.type = 'search';
    input.placeholder = box.getAttribute('data-label');
    input.setAttribute('aria-label', box.getAttribute('data-label'));
    box.appendChild(input);
    input.addEventListener('input', function () {
      var query = input.value.trim().toLowerCase();
      var container = target.tBodies ? target.tBodies[0] : target;
      Array.prototype.forEach.call(container.children, function (item) {
        if (!item.hasAttribute('data-filter-item')) return;
        item.hidden = query !== '' && item.textContent.toLowerCase().indexOf(query) < 0;
      });
    });
  });
  function openTarget() {
    var id = location.hash.slice(1);
    var element = id && document.getElementById(id);
    if (!element) return;
    var details = element.querySelector('details');
    if (details) details.open = true;
    var item = element.closest('[data-filter-item]');
    if (item) item.hidden = false;
    var section = element.closest('.proposition');
    if (section) section.hidden = false;
  }
  window.addEventListener('hashchange', openTarget);
  openTarget();
  window.addEventListener('beforeprint', function () {
    Array.prototype.forEach.call(document.querySelectorAll('details'), function (d) { d.open = true; });
  });
})();
)js";

std::string CspHash(std::string_view text) {
  std::array<unsigned char, SHA256_DIGEST_LENGTH> digest{};
  unsigned int length = 0;
  EVP_Digest(text.data(), text.size(), digest.data(), &length, EVP_sha256(), nullptr);
  std::array<unsigned char, 4 * ((SHA256_DIGEST_LENGTH + 2) / 3) + 1> base64{};
  const int written = EVP_EncodeBlock(base64.data(), digest.data(), static_cast<int>(length));
  return "'sha256-" +
         std::string(reinterpret_cast<const char*>(base64.data()),
                     static_cast<std::size_t>(written)) +
         "'";
}

}  // namespace credence::report_internal
