package org.modsvc.progress;

/**
 * Where a long run says how far it is: the loader, the resolver, the emitters and the tree writer
 * call it at their phase boundaries and count what they finish. It is passed in constructors, never
 * held globally; {@link #NONE} ignores everything and is what every caller gets by default.
 *
 * <p>Calls must stay cheap, since {@link #advance} is made once per file or instance: an
 * implementation adds to a counter and returns, allocating nothing. Both methods may be called from
 * several threads at once.
 */
public interface Progress {
    /** Ignores every call. */
    Progress NONE = new Progress() {
        @Override
        public void phase(Phase phase, long total) {}

        @Override
        public void advance(long n) {}
    };

    /**
     * A new phase begins; its count starts at zero.
     *
     * @param phase never null
     * @param total how many items the phase will count, or -1 when not known beforehand
     */
    void phase(Phase phase, long total);

    /** {@code n} more items of the current phase are done. */
    void advance(long n);

    /** The phases of the commands, each with what it counts (for the one line a terminal shows). */
    enum Phase {
        READING("reading setup", "files"),
        READING_TREE("reading tree", "files"),
        RESOLVING("resolving", "instances"),
        VALUES("filling values", "instances"),
        CHECKING("checking targets", "nodes"),
        EMITTING("emitting", "nodes"),
        WRITING("writing", "files");

        private final String label;
        private final String unit;

        Phase(String label, String unit) {
            this.label = label;
            this.unit = unit;
        }

        /** What the phase does, for people: "reading setup". */
        public String label() {
            return label;
        }

        /** What it counts, plural ("files"), or empty when it counts nothing. */
        public String unit() {
            return unit;
        }
    }
}
