package org.negotiationtimeline.timeline.negotiation;

/** How final a document version is. */
public enum VersionStatus {
    DRAFT, SUBJECT_TO_CHANGE, AGREED, SIGNED, REJECTED
}
