import Foundation
import ZIPFoundation

/// The bytes of a bundle's files, read from a folder or a `.zip`, and written back the same ways.
enum BundleFiles {
    struct Problem: Error, CustomStringConvertible {
        let description: String
    }

    /// Entries get a fixed time so that the same bundle gives the same archive.
    static let fixedDate = Date(timeIntervalSince1970: 1_577_836_800)

    static func isZip(_ path: String) -> Bool { path.lowercased().hasSuffix(".zip") }

    /// File name → bytes. In a zip, files may sit in one folder (`bundle/customers.csv`); folders,
    /// `__MACOSX` and dot files are skipped.
    static func read(from path: String) throws -> [String: [UInt8]] {
        let url = URL(fileURLWithPath: path)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw Problem(description: "\(path): no such file or folder")
        }
        var files: [String: [UInt8]] = [:]
        if isDirectory.boolValue {
            let names = try FileManager.default.contentsOfDirectory(atPath: path).sorted()
            for name in names where !name.hasPrefix(".") {
                let fileURL = url.appendingPathComponent(name)
                var isDir: ObjCBool = false
                _ = FileManager.default.fileExists(atPath: fileURL.path, isDirectory: &isDir)
                if isDir.boolValue { continue }
                files[name] = Array(try Data(contentsOf: fileURL))
            }
        } else if isZip(path) {
            let archive: Archive
            do {
                archive = try Archive(url: url, accessMode: .read)
            } catch {
                throw Problem(description: "\(path): not a readable zip archive")
            }
            for entry in archive where entry.type == .file {
                let parts = entry.path.split(separator: "/")
                guard let name = parts.last.map(String.init), !name.hasPrefix("."),
                      !parts.contains("__MACOSX") else { continue }
                var data = Data()
                _ = try archive.extract(entry, skipCRC32: false) { data.append($0) }
                if files[name] != nil {
                    throw Problem(description: "\(path): \(name) appears twice in the archive")
                }
                files[name] = Array(data)
            }
        } else {
            throw Problem(description: "\(path): a bundle is a folder or a .zip file")
        }
        return files
    }

    /// Writes the files to a new folder or `.zip` at `path`, atomically: first beside it under a
    /// temporary name, then renamed, so a failure never leaves a half-written bundle.
    static func write(_ files: [(name: String, bytes: [UInt8])], to path: String) throws {
        let fm = FileManager.default
        let target = URL(fileURLWithPath: path)
        if fm.fileExists(atPath: path) {
            var isDir: ObjCBool = false
            _ = fm.fileExists(atPath: path, isDirectory: &isDir)
            let empty = isDir.boolValue && ((try? fm.contentsOfDirectory(atPath: path).isEmpty) ?? false)
            guard empty else {
                throw Problem(description: "\(path) already exists: choose a new folder or .zip name")
            }
            try fm.removeItem(at: target)
        }
        let temporary = target.deletingLastPathComponent()
            .appendingPathComponent(".\(target.lastPathComponent).partial-\(UUID().uuidString)")
        do {
            if isZip(path) {
                let archive = try Archive(url: temporary, accessMode: .create)
                for file in files {
                    let data = Data(file.bytes)
                    try archive.addEntry(with: file.name, type: .file, uncompressedSize: Int64(data.count),
                                         modificationDate: Self.fixedDate, compressionMethod: .deflate) { position, size in
                        data.subdata(in: Int(position)..<Int(position) + size)
                    }
                }
            } else {
                try fm.createDirectory(at: temporary, withIntermediateDirectories: true)
                for file in files {
                    try Data(file.bytes).write(to: temporary.appendingPathComponent(file.name))
                }
            }
            try fm.moveItem(at: temporary, to: target)
        } catch {
            try? fm.removeItem(at: temporary)
            throw error
        }
    }
}
