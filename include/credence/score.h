// Scoring end to end: run a solver on a store and turn its Solution into a ScoreReport.
#ifndef CREDENCE_SCORE_H_
#define CREDENCE_SCORE_H_

#include "credence/claim_store.h"
#include "credence/consistency_graph.h"
#include "credence/result.h"
#include "credence/solver.h"

namespace credence {

// Solves, then derives everything that is common to all algorithms: claim statuses (confirmed,
// contradicted, superseded, unresolved), dated timelines, supersession events, Beta credible
// intervals, graph neighbours and components. Throws std::invalid_argument on invalid options.
// When `graph` is given it receives the consistency graph with the supersedes edges added.
ScoreReport Score(const ClaimStore& store, const SolverOptions& options,
                  const GraphOptions& graph_options = {}, ConsistencyGraph* graph = nullptr);

// The same with any Solver, a researcher's own included: its Solution goes through the same
// statuses, timelines, explanations and writers. options.algorithm is recorded as given.
ScoreReport Score(const ClaimStore& store, const Solver& solver, const SolverOptions& options,
                  const GraphOptions& graph_options = {}, ConsistencyGraph* graph = nullptr);

}  // namespace credence

#endif  // CREDENCE_SCORE_H_
