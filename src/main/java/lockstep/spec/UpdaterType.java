package lockstep.spec;

/** Parameter update rules; names are DL4J's updater class names in upper case. */
public enum UpdaterType {
    /** u = lr·g. */
    SGD
}
