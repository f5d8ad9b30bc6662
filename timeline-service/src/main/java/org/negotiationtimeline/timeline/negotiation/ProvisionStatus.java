package org.negotiationtimeline.timeline.negotiation;

/** Where the parties stand on one provision. */
public enum ProvisionStatus {
    PROPOSED, AGREED, DISPUTED, OPEN, REJECTED
}
