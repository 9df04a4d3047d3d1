// Factories of the built-in algorithms, one per solver file.
#ifndef CREDENCE_SOLVERS_REGISTRY_H_
#define CREDENCE_SOLVERS_REGISTRY_H_

#include <memory>

#include "credence/solver.h"

namespace credence::internal {

std::unique_ptr<Solver> MakeMajorityVoteSolver();
std::unique_ptr<Solver> MakeTemporalEmSolver();
std::unique_ptr<Solver> MakeDawidSkeneSolver();
std::unique_ptr<Solver> MakeOneCoinSolver();
std::unique_ptr<Solver> MakeGladSolver();
std::unique_ptr<Solver> MakeMaceSolver();
std::unique_ptr<Solver> MakeWawaSolver();
std::unique_ptr<Solver> MakeSumsSolver();
std::unique_ptr<Solver> MakeAverageLogSolver();
std::unique_ptr<Solver> MakeInvestmentSolver();
std::unique_ptr<Solver> MakePooledInvestmentSolver();
std::unique_ptr<Solver> MakeTruthFinderSolver();
std::unique_ptr<Solver> MakeTwoEstimatesSolver();
std::unique_ptr<Solver> MakeThreeEstimatesSolver();
std::unique_ptr<Solver> MakeCrhSolver();
std::unique_ptr<Solver> MakeCatdSolver();

}  // namespace credence::internal

#endif  // CREDENCE_SOLVERS_REGISTRY_H_
