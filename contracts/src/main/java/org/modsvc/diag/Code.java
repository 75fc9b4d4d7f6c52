package org.modsvc.diag;

/**
 * Every diagnostic modsvc can report, declared once. The {@link #id()} is stable: tools and
 * fixtures match on it, so an id is never reused for another meaning. The README lists them all
 * (a test checks that it does).
 */
public enum Code {
    // --- reading files (E00x) ---
    SYNTAX("E001", Severity.ERROR, "the file is not well-formed YAML or JSON"),
    DUPLICATE_KEY("E002", Severity.ERROR, "a mapping has the same key twice"),
    ALIAS("E003", Severity.ERROR, "a YAML alias refers to an unknown anchor or expands too far"),
    LIMIT("E004", Severity.ERROR, "an input limit was exceeded (size, depth, string length, file count, instances)"),
    ENCODING("E005", Severity.ERROR, "the file is not valid UTF-8 or holds a NUL or other forbidden character"),
    YAML_FEATURE("E006", Severity.ERROR, "a YAML feature modsvc does not accept (tags, merge keys, several documents)"),
    NO_SETUP("E007", Severity.ERROR, "the setup directory has no setup.yaml / setup.json, or the path is unusable"),
    SYMLINK(
            "E008",
            Severity.ERROR,
            "a file or folder of the setup is a symbolic link that leads outside the setup (or nowhere)"),
    NOT_A_FILE(
            "W002",
            Severity.WARNING,
            "an entry of services/ or contracts/ named like a setup file is not a regular file (FIFO, device,"
                    + " socket, folder) and is not read"),

    // --- shape of declarations (E01x) ---
    UNKNOWN_KEY("E010", Severity.ERROR, "a key that this kind of declaration does not have"),
    WRONG_TYPE("E011", Severity.ERROR, "a value of the wrong type (string, list, mapping, number, bool)"),
    MISSING_FIELD("E012", Severity.ERROR, "a required field is absent"),
    BAD_NAME("E013", Severity.ERROR, "a name that is not a safe unit and file name"),
    DUPLICATE_NAME("E014", Severity.ERROR, "two declarations with the same name"),
    EMPTY_ARGV("E015", Severity.ERROR, "process.argv is empty or its first word is not an absolute path or command"),
    BAD_VALUE("E016", Severity.ERROR, "a value outside the allowed set (policy, target, reach, signal, type…)"),
    NAME_MISMATCH("E017", Severity.ERROR, "a module's name differs from its file name"),
    AMBIGUOUS_SCALAR(
            "E018", Severity.ERROR, "a YAML 1.1 scalar (yes/no/on/off, 010) whose meaning depends on the reader"),
    NAME_TOO_LONG("E019", Severity.ERROR, "a composed unit name is longer than systemd's 255 bytes"),

    // --- imports (E02x) ---
    DANGLING_IMPORT("E020", Severity.ERROR, "an import names a module that does not exist"),
    IMPORT_CYCLE("E021", Severity.ERROR, "modules import each other in a cycle"),
    IMPORT_CONFLICT("E022", Severity.ERROR, "two imports set one scalar to different values"),

    // --- contracts and versions (E03x) ---
    UNKNOWN_CONTRACT("E030", Severity.ERROR, "a contract that neither the catalogue nor the setup defines"),
    BAD_VERSION("E031", Severity.ERROR, "a version or version range that does not parse"),
    UNKNOWN_REQUEST_FIELD("E032", Severity.ERROR, "a request field that the contract does not define"),
    MISSING_REQUEST_FIELD("E033", Severity.ERROR, "a request field that the contract requires is absent"),
    FIELD_TYPE("E034", Severity.ERROR, "a request or result value that does not fit its field type"),
    MISSING_RESULT_FIELD("E035", Severity.ERROR, "a provider does not fill a result field of its contract"),
    UNKNOWN_RESULT_FIELD("E036", Severity.ERROR, "a result field that the contract does not define"),
    SECRET_INLINE("E037", Severity.ERROR, "a secret field is given a value instead of a file path"),
    CONTRACT_OVERRIDE("N001", Severity.NOTE, "the setup overrides a catalogue contract"),
    MODULE_OVERRIDE("N002", Severity.NOTE, "the setup overrides a catalogue provider module"),
    UNKNOWN_MODULE("E038", Severity.ERROR, "a node runs, or a requirement names, a module that does not exist"),

    // --- resolving (E04x) ---
    NO_PROVIDER("E040", Severity.ERROR, "no provider can serve a requirement"),
    AMBIGUOUS_PROVIDER("E041", Severity.ERROR, "two equally good providers could serve a requirement"),
    VERSION_MISMATCH("E042", Severity.ERROR, "the bound provision's version is outside the requirement's range"),
    LOCAL_ACROSS_NODES("E043", Severity.ERROR, "a local-only contract is bound across nodes"),
    CAPACITY("E044", Severity.ERROR, "a provision serves more consumers than its capacity"),
    PORT_CONFLICT("E045", Severity.ERROR, "two instances on one node claim the same port"),
    CYCLE("E046", Severity.ERROR, "instances depend on each other in a cycle"),
    BAD_REFERENCE("E047", Severity.ERROR, "a ${…} reference that cannot be resolved"),
    BAD_BIND("E048", Severity.ERROR, "a bind: entry names an unknown node, instance, requirement or provision"),
    PROVIDER_RECURSION("E049", Severity.ERROR, "a sub-service provider would need an instance of itself"),
    CONTRACT_MISMATCH("E050", Severity.ERROR, "a bind: entry joins a requirement to a provision of another contract"),
    NOT_SHARED("E051", Severity.ERROR, "a provision of a non-shared contract is bound to several consumers"),
    DUPLICATE_INSTANCE("E052", Severity.ERROR, "two instances on one node get the same name"),
    ASSERTION_FAILED("E053", Severity.ERROR, "an assertion a module declares does not hold for an instance"),
    BAD_CONDITION(
            "E054",
            Severity.ERROR,
            "an assertion or warning condition that is not true or false once its references are filled in"),
    MODULE_WARNING("W053", Severity.WARNING, "a warning a module declares, given for an instance"),
    OPTIONAL_UNMET("W001", Severity.WARNING, "an optional requirement stays unmet"),
    UNKEPT_PROMISE(
            "W041",
            Severity.WARNING,
            "a requirement is bound to a provision whose module says its promise is not kept here (status:"
                    + " { fulfilled: false })"),

    // --- emitting (E06x, W06x) ---
    UNSUPPORTED_BY_TARGET("W060", Severity.WARNING, "the target cannot express a feature the plan asks for"),
    UNREPRESENTABLE("E061", Severity.ERROR, "a value the target cannot carry (NUL, invalid UTF-8)"),
    BAD_SYSTEMD_KEY("E062", Severity.ERROR, "a systemd passthrough section or key that modsvc does not know"),
    NEWER_SYSTEMD(
            "W062",
            Severity.WARNING,
            "a systemd passthrough key or value that systemd 252 ignores and a newer systemd knows (the version is"
                    + " named)"),
    NOT_A_DAEMON("N060", Severity.NOTE, "a tool module is not a daemon: the systemd target writes no unit for it"),

    // --- deploying (E07x) ---
    NOT_DEPLOYABLE(
            "E070",
            Severity.ERROR,
            "emit --deploy cannot reach or install a node (no address, an address that is not a host, not a"
                    + " systemd node)"),
    ;

    private final String id;
    private final Severity severity;
    private final String title;

    Code(String id, Severity severity, String title) {
        this.id = id;
        this.severity = severity;
        this.title = title;
    }

    /** The stable identifier such as {@code E012}; never null. */
    public String id() {
        return id;
    }

    public Severity severity() {
        return severity;
    }

    /** One line describing the whole class of problem, for the README and {@code --help}. */
    public String title() {
        return title;
    }
}
