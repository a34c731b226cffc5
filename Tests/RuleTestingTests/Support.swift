import Foundation

/// Paths and scratch folders shared by the rule-testing tests.
enum Paths {
    /// The package root (tests run from anywhere; fixtures are found from this file).
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static func fixture(_ relative: String) -> String { packageRoot.appendingPathComponent("Fixtures").appendingPathComponent(relative).path }
    /// `../shared/schemas/NAME` when it exists.
    static func schema(_ name: String) -> String? {
        let path = packageRoot.deletingLastPathComponent().appendingPathComponent("shared/schemas/\(name)").path
        return FileManager.default.fileExists(atPath: path) ? path : nil
    }
}

/// A scratch folder below /tmp, removed by `remove()`.
struct Scratch {
    let root: String

    init(_ name: String = #function) {
        let safe = name.filter { $0.isLetter || $0.isNumber }
        root = NSTemporaryDirectory() + "dragnet-rt-\(safe)-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        try? FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
    }

    @discardableResult
    func write(_ relative: String, _ text: String) throws -> String {
        let path = root + "/" + relative
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    func copy(_ source: String, to relative: String) throws {
        let path = root + "/" + relative
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: source, toPath: path)
    }

    func remove() { try? FileManager.default.removeItem(atPath: root) }
}

/// Schema validation through tools found on the machine (never downloaded): `xmllint` or libxml2
/// through Python's ctypes for XSD, Python's `jsonschema` for JSON Schema. Tests that need one are
/// skipped when it is not there.
enum SchemaValidators {
    static func which(_ tool: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for folder in path.split(separator: ":") {
            let candidate = "\(folder)/\(tool)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    @discardableResult
    static func run(_ executable: String, _ arguments: [String]) -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        guard (try? process.run()) != nil else { return (-1, "could not start \(executable)") }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    static let python3 = which("python3")
    static let xmllint = which("xmllint")

    static let hasJSONSchema: Bool = python3.map { run($0, ["-c", "import jsonschema"]).status == 0 } ?? false

    /// XSD validation with libxml2 (the library Dragnet already needs), called through ctypes.
    static let libxml2Script = """
        import ctypes, ctypes.util, sys
        lib = ctypes.CDLL(ctypes.util.find_library("xml2") or "libxml2.so.2")
        for name, res, args in [("xmlSchemaNewParserCtxt", ctypes.c_void_p, [ctypes.c_char_p]),
                                ("xmlSchemaParse", ctypes.c_void_p, [ctypes.c_void_p]),
                                ("xmlSchemaNewValidCtxt", ctypes.c_void_p, [ctypes.c_void_p]),
                                ("xmlSchemaValidateFile", ctypes.c_int, [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_int])]:
            getattr(lib, name).restype = res
            getattr(lib, name).argtypes = args
        schema = lib.xmlSchemaParse(lib.xmlSchemaNewParserCtxt(sys.argv[1].encode()))
        if not schema:
            sys.exit(3)
        sys.exit(0 if lib.xmlSchemaValidateFile(lib.xmlSchemaNewValidCtxt(schema), sys.argv[2].encode(), 0) == 0 else 1)
        """

    static let hasLibXML2ViaPython: Bool = python3.map { run($0, ["-c", "import ctypes, ctypes.util; ctypes.CDLL(ctypes.util.find_library('xml2') or 'libxml2.so.2').xmlSchemaValidateFile"]).status == 0 } ?? false

    static var canValidateXSD: Bool { xmllint != nil || hasLibXML2ViaPython }

    /// Validates an XML file against an XSD; `nil` when no validator is available.
    static func validateXML(_ file: String, schema: String) -> (ok: Bool, output: String)? {
        if let xmllint {
            let r = run(xmllint, ["--noout", "--schema", schema, file])
            return (r.status == 0, r.output)
        }
        if hasLibXML2ViaPython, let python3 {
            let r = run(python3, ["-c", libxml2Script, schema, file])
            return (r.status == 0, r.output)
        }
        return nil
    }

    /// Validates a JSON file against a JSON Schema; `nil` when `jsonschema` is not installed.
    static func validateJSON(_ file: String, schema: String) -> (ok: Bool, output: String)? {
        guard hasJSONSchema, let python3 else { return nil }
        let script = "import json, sys, jsonschema; jsonschema.validate(json.load(open(sys.argv[1])), json.load(open(sys.argv[2])))"
        let r = run(python3, ["-c", script, file, schema])
        return (r.status == 0, r.output)
    }
}
