package org.negotiationtimeline.timeline.negotiation;

/** What happened to a provision from one version to the next. */
public enum ChangeKind {
    ADDED,
    /** Same provision, text changed. */
    AMENDED,
    /** Same provision and text, new number. */
    RENUMBERED,
    REMOVED,
    /** Several earlier provisions became this one. */
    MERGED,
    /** One earlier provision became several, this among them. */
    SPLIT,
    UNCHANGED
}
