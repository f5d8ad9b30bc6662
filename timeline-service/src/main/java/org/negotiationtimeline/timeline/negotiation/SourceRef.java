package org.negotiationtimeline.timeline.negotiation;

/**
 * Where a development was reported. {@code via} is the outlet the report credits ("Reuters
 * reported"); {@code published} is when the outlet published it, as EDTF because that too is often
 * known only to the day; {@code ref} names a local document such as a seed file.
 */
public record SourceRef(String outlet, String via, String published, String url, String ref) {
}
