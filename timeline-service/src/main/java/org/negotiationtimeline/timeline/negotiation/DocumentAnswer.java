package org.negotiationtimeline.timeline.negotiation;

/** An answer to a request about a document, kept so that a repeated request gets it again. */
sealed interface DocumentAnswer permits VersionAccepted, ProvisionStatusAccepted {

    /** The same answer, marked as given before. */
    DocumentAnswer asReplayed();
}
