package org.negotiationtimeline.timeline.eventindex;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** Which negotiation a document id belongs to. */
@Entity
@Table(name = "document_index")
public class IndexedDocument {

    @Id
    @Column(name = "document_id", length = 64)
    private String documentId;

    @Column(name = "negotiation_id", length = 64, nullable = false)
    private String negotiationId;

    protected IndexedDocument() {
        // For JPA.
    }

    IndexedDocument(String documentId, String negotiationId) {
        this.documentId = documentId;
        this.negotiationId = negotiationId;
    }

    public String negotiationId() {
        return negotiationId;
    }
}
