package import Investigation
import Ledger
import MailModel
private import Glibc

/// `dragnet watch` (§14): rounds of scan → evaluate → emit over a state until `--for` runs out, a
/// number of rounds was made, or a stop is asked for (SIGINT, SIGTERM). Each round is a stateful run
/// of every investigation (one read and parse of each item for all of them); a round starts every
/// `interval` seconds, or at once when the last one took longer.
package final class Watch {
    package let run: StatefulRun
    package let paths: [String]
    package let toolVersion: String
    package let runOptions: [String: String]
    package let schedule: Schedule

    package struct Schedule: Sendable {
        /// Seconds from the start of a round to the start of the next.
        package var interval: Double
        /// When the watch ends (seconds since the epoch), or nil to run until stopped.
        package var deadline: Double?
        /// Most rounds (a hidden option for tests), or nil.
        package var maxRounds: Int?

        package init(interval: Double, deadline: Double?, maxRounds: Int?) {
            self.interval = interval
            self.deadline = deadline
            self.maxRounds = maxRounds
        }
    }

    /// How the watch ended.
    package enum End: Sendable, Equatable {
        /// Between rounds: `duration` (`--for` ran out), `rounds`, or `signal`.
        case finished(reason: String)
        /// `--for` ran out during a round, which was left unfinished (the next watch reads on).
        case expired
    }

    /// A round that ended.
    package struct Round {
        package var number: Int
        package var result: StatefulRun.Result
        package var durationSeconds: Double
        /// ISO 8601 UTC, when the round ended.
        package var time: String
    }

    package init(run: StatefulRun, paths: [String], toolVersion: String, runOptions: [String: String], schedule: Schedule) {
        self.run = run
        self.paths = paths
        self.toolVersion = toolVersion
        self.runOptions = runOptions
        self.schedule = schedule
    }

    /// Watches until the end; `onMatch` gets each new match at once (investigation index, row),
    /// `afterRound` each round that ended (complete or not). Returns how it ended, the rounds made and
    /// the matches emitted.
    package func start(
        stopRequested: @escaping () -> Bool, onMatch: @escaping (Int, MatchRow) -> Void, afterRound: (Round) throws -> Void
    ) throws -> (end: End, rounds: Int, matches: Int) {
        var rounds = 0
        var matches = 0
        let deadline = schedule.deadline
        func pastDeadline() -> Bool { deadline.map { StatefulRun.now() >= $0 } ?? false }
        while true {
            if stopRequested() { return (.finished(reason: "signal"), rounds, matches) }
            if pastDeadline() { return (.finished(reason: "duration"), rounds, matches) }
            let started = StatefulRun.now()
            let watching = StatefulRun.Watching(
                onMatch: onMatch, shouldStop: { stopRequested() || pastDeadline() }, defersIncompleteTails: true)
            let result = try run.run(paths: paths, toolVersion: toolVersion, runOptions: runOptions, watching: watching)
            rounds += 1
            matches += result.newMatches
            let ended = StatefulRun.now()
            try afterRound(Round(number: rounds, result: result, durationSeconds: ended - started, time: UTCTimestamp.iso8601(Int64(ended))))
            if !result.isComplete {
                return (stopRequested() ? .finished(reason: "signal") : .expired, rounds, matches)
            }
            if let maxRounds = schedule.maxRounds, rounds >= maxRounds { return (.finished(reason: "rounds"), rounds, matches) }
            // Until the next round, the deadline or a stop, whichever comes first.
            let next = started + schedule.interval
            while StatefulRun.now() < next {
                if stopRequested() || pastDeadline() { break }
                var pause = timespec(tv_sec: 0, tv_nsec: 20_000_000)
                nanosleep(&pause, nil)
            }
        }
    }
}
