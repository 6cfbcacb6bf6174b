import CallDeskCore
import FluentKit
import Foundation

/// Every write of pushed calls goes through one writer per process, taken in arrival order:
/// - single calls (a PBX sends one request per finished call) are written in groups: the calls that arrive
///   while a transaction is being written all go into the next one (group commit) — one commit per group,
///   not per call, which is what lets a single-writer database (SQLite) take thousands of calls a second;
/// - a batch (`POST /api/v1/calls`) is its own transaction: all of it or none.
/// Each caller is answered only after the transaction holding its calls has committed, so an acknowledged
/// call is never lost; if a transaction fails, every caller in it gets the error (nothing of theirs was
/// stored, so the PBX's retry stores it). One writer also means writers never queue for the connection
/// pool or for SQLite's write lock.
///
/// A push that names its connection by secret (``push(secret:read:)``) is authenticated in its group: one
/// query finds the connections of every secret in the group together with the company settings, instead
/// of one query per request. It reads the database as of that group (a rotated or deactivated secret is
/// refused from the next group on); nothing is cached between groups.
public actor CallWriter {
    /// What became of a push.
    public enum Pushed: Sendable {
        /// The secret names no active connection: nothing was read or stored.
        case unknownSecret
        /// A valid payload that finishes no call (a provider's ringing event): nothing stored.
        case notFinal(why: String)
        case stored(CallIngestion.Stored, connection: PBXConnection)
    }

    /// Reads a pushed payload once its connection and the company's settings are known; its errors go back
    /// to the request that pushed it (and to no other in the group).
    public typealias Reader = @Sendable (PBXConnection, CompanySettings) throws -> CDROutcome

    private struct Single {
        var call: CallRecord
        var connection: PBXConnection
        var continuation: CheckedContinuation<CallIngestion.Stored, any Error>
    }

    private struct Push {
        var secret: String
        var read: Reader
        var continuation: CheckedContinuation<Pushed, any Error>
    }

    private struct Batch {
        var calls: [CallRecord]
        var connection: PBXConnection
        var continuation: CheckedContinuation<[CallIngestion.Stored], any Error>
    }

    private enum Job {
        case single(Single)
        case push(Push)
        case batch(Batch)
    }

    private let database: any Database
    private var queue: [Job] = []
    /// Transactions in flight now, and at most: SQLite writes one transaction at a time whatever we do, so
    /// one; PostgreSQL takes concurrent writers, and with several batches in flight the server reads the
    /// next request while the database writes the last (measured: docs/benchmarks.md, call ingestion). Two
    /// transactions inserting the same call cannot both store it (the unique index; the second waits for
    /// the first and skips the row), and rows go in key order, so they cannot deadlock either.
    private var writing = 0
    private let lanes: Int
    /// A group of single calls is being written: the next group waits for it (and grows meanwhile) rather
    /// than taking another lane — few large groups cost the database fewer statements than many small ones.
    private var writingGroup = false
    /// The most single calls one transaction takes.
    public static let largestGroup = 1_000

    public init(database: any Database) {
        self.database = database
        lanes = SQLDialectSupport.kind(of: CallDeskDatabase.sql(database)) == .postgres ? 3 : 1
    }

    /// Stores one call; answers once it is committed.
    public func store(_ call: CallRecord, connection: PBXConnection) async throws -> CallIngestion.Stored {
        try await withCheckedThrowingContinuation { continuation in
            enqueue(.single(Single(call: call, connection: connection, continuation: continuation)))
        }
    }

    /// Authenticates `secret`, reads the payload with `read` and stores its call; answers once it is committed.
    public func push(secret: String, read: @escaping Reader) async throws -> Pushed {
        try await withCheckedThrowingContinuation { continuation in
            enqueue(.push(Push(secret: secret, read: read, continuation: continuation)))
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
        if writing < lanes {
            writing += 1
            Task { await self.drain() }
        }
    }

    /// Writes what is queued, a job at a time, until nothing it may take is left; several drains run at once
    /// on PostgreSQL.
    private func drain() async {
        while let index = queue.firstIndex(where: { if case .batch = $0 { true } else { !writingGroup } }) {
            switch queue[index] {
            case .batch(let batch):
                queue.remove(at: index)
                do {
                    batch.continuation.resume(returning: try await CallIngestion.ingest(batch.calls, connection: batch.connection,
                                                                                       on: database))
                } catch {
                    batch.continuation.resume(throwing: error)
                }
            case .single, .push:
                // Every single call and push waiting now (up to the group's size), in order, batches left in place.
                var singles: [Single] = []
                var pushes: [Push] = []
                var rest: [Job] = []
                for job in queue {
                    switch job {
                    case .single(let single) where singles.count + pushes.count < Self.largestGroup: singles.append(single)
                    case .push(let push) where singles.count + pushes.count < Self.largestGroup: pushes.append(push)
                    default: rest.append(job)
                    }
                }
                queue = rest
                writingGroup = true
                await write(singles, pushes)
                writingGroup = false
            }
        }
        writing -= 1
    }

    /// One group: the pushes' secrets looked up together, each push read, then every call in one transaction.
    private func write(_ singles: [Single], _ pushes: [Push]) async {
        var settings: CompanySettings?
        var items = singles.map { (call: $0.call, connection: $0.connection) }
        var answers: [(Push, PBXConnection)] = []
        if !pushes.isEmpty {
            let found: (connections: [String: PBXConnection], settings: CompanySettings)
            do {
                found = try await PBXConnections.pushContexts(forSecrets: Set(pushes.map(\.secret)), on: database)
            } catch {
                for item in singles { item.continuation.resume(throwing: error) }
                for item in pushes { item.continuation.resume(throwing: error) }
                return
            }
            settings = found.settings
            for push in pushes {
                guard let connection = found.connections[push.secret] else {
                    push.continuation.resume(returning: .unknownSecret)
                    continue
                }
                do {
                    switch try push.read(connection, found.settings) {
                    case .notFinal(let why): push.continuation.resume(returning: .notFinal(why: why))
                    case .call(let call):
                        items.append((call, connection))
                        answers.append((push, connection))
                    }
                } catch {
                    push.continuation.resume(throwing: error)
                }
            }
        }
        do {
            let stored = try await CallIngestion.ingest(items, settings: settings, on: database)
            for (item, result) in zip(singles, stored) { item.continuation.resume(returning: result) }
            for ((push, connection), result) in zip(answers, stored.dropFirst(singles.count)) {
                push.continuation.resume(returning: .stored(result, connection: connection))
            }
        } catch {
            for item in singles { item.continuation.resume(throwing: error) }
            for (push, _) in answers { push.continuation.resume(throwing: error) }
        }
    }
}
