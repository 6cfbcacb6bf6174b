import CallDeskCore
import FluentKit
import Foundation

/// Every write of pushed calls goes through one writer per process, in arrival order:
/// - single calls (a PBX sends one request per finished call) are written in groups: the calls that arrive
///   while a transaction is being written all go into the next one (group commit) — one commit per group,
///   not per call, which is what lets a single-writer database (SQLite) take thousands of calls a second;
/// - a batch (`POST /api/v1/calls`) is its own transaction: all of it or none.
/// Each caller is answered only after the transaction holding its calls has committed, so an acknowledged
/// call is never lost; if a transaction fails, every caller in it gets the error (nothing of theirs was
/// stored, so the PBX's retry stores it). One writer also means writers never queue for the connection
/// pool or for SQLite's write lock.
public actor CallWriter {
    private struct Single {
        var call: CallRecord
        var connection: PBXConnection
        var continuation: CheckedContinuation<CallIngestion.Stored, any Error>
    }

    private struct Batch {
        var calls: [CallRecord]
        var connection: PBXConnection
        var continuation: CheckedContinuation<[CallIngestion.Stored], any Error>
    }

    private enum Job {
        case single(Single)
        case batch(Batch)
    }

    private let database: any Database
    private var queue: [Job] = []
    private var writing = false
    /// The most single calls one transaction takes.
    public static let largestGroup = 1_000

    public init(database: any Database) {
        self.database = database
    }

    /// Stores one call; answers once it is committed.
    public func store(_ call: CallRecord, connection: PBXConnection) async throws -> CallIngestion.Stored {
        try await withCheckedThrowingContinuation { continuation in
            enqueue(.single(Single(call: call, connection: connection, continuation: continuation)))
        }
    }

    /// Stores a batch in one transaction; answers each call's fate once it is committed.
    public func store(batch calls: [CallRecord], connection: PBXConnection) async throws -> [CallIngestion.Stored] {
        try await withCheckedThrowingContinuation { continuation in
            enqueue(.batch(Batch(calls: calls, connection: connection, continuation: continuation)))
        }
    }

    private func enqueue(_ job: Job) {
        queue.append(job)
        if !writing {
            writing = true
            Task { await self.drain() }
        }
    }

    private func drain() async {
        while let first = queue.first {
            switch first {
            case .batch(let batch):
                queue.removeFirst()
                do {
                    batch.continuation.resume(returning: try await CallIngestion.ingest(batch.calls, connection: batch.connection,
                                                                                       on: database))
                } catch {
                    batch.continuation.resume(throwing: error)
                }
            case .single:
                // Every single call waiting now (up to the group's size), in order, batches left in place.
                var group: [Single] = []
                var rest: [Job] = []
                for job in queue {
                    if case .single(let single) = job, group.count < Self.largestGroup { group.append(single) } else { rest.append(job) }
                }
                queue = rest
                do {
                    let stored = try await CallIngestion.ingest(group.map { ($0.call, $0.connection) }, on: database)
                    for (item, result) in zip(group, stored) { item.continuation.resume(returning: result) }
                } catch {
                    for item in group { item.continuation.resume(throwing: error) }
                }
            }
        }
        writing = false
    }
}
