package org.negotiationtimeline.timeline.negotiation.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import org.junit.jupiter.api.Test;
import org.negotiationtimeline.timeline.negotiation.api.AmendmentRequests.CorrectionRequest;

/**
 * A request's fingerprint is stored with its event and compared when the same id comes again, so
 * it must stay what it was for the same body: otherwise a retry after an upgrade would be refused
 * as a conflict. The expected digests were computed by the code before the development's fields
 * got one type.
 */
class RequestFingerprintTest {

    private static final ObjectMapper JSON = JsonMapper.builder().build();

    static final String DEVELOPMENT = """
            {"eventId": "paris-summit", "type": "STATEMENT",
             "occurred": {"value": "2026-01-06T12", "text": "around midday", "zone": "Europe/Paris"},
             "title": "Coalition summit", "summary": "Leaders met in Paris.",
             "actors": [{"id": "macron", "role": "SPEAKER"}], "topics": ["ceasefire"], "location": "Paris",
             "quote": {"text": "We are ready.", "verbatim": true},
             "position": {"holder": "macron", "stance": "SUPPORTS", "on": "reassurance-force"},
             "sanctions": {"by": "eu", "target": "russia", "package": "20th", "status": "PROPOSED"},
             "appointment": {"person": "umerov", "office": "chief negotiator", "by": "zelensky"},
             "sources": [{"outlet": "Kyiv Independent", "published": "2026-01-06"}],
             "claims": [{"subject": "reassurance-force.troops", "value": {"min": 15000, "max": 30000}}]}""";

    static final String FEWEST = """
            {"type": "MEETING", "occurred": {"value": "2026-01"}, "title": "Talks",
             "sources": [{"outlet": "RFE/RL"}]}""";

    static final String CORRECTION = """
            {"set": {"occurred": {"value": "2026-01-05"}, "title": "Talks in Geneva", "location": "Geneva",
                     "claims": [{"subject": "summit.countries", "value": 35}]},
             "reason": "the date was wrong", "sources": [{"outlet": "RFE/RL", "published": "2026-01-08"}]}""";

    @Test
    void a_development_with_every_field_keeps_its_fingerprint() throws Exception {
        RecordDevelopmentRequest request = JSON.readValue(DEVELOPMENT, RecordDevelopmentRequest.class);

        assertThat(ContentFingerprint.of(request.normalised(null))).isEqualTo("e7a921d0d079ce73cb01fae866ef0f172e07cc60cf6f7cff345813c5a73c8248");
    }

    @Test
    void a_development_with_the_fewest_fields_keeps_its_fingerprint() throws Exception {
        RecordDevelopmentRequest request = JSON.readValue(FEWEST, RecordDevelopmentRequest.class);

        assertThat(ContentFingerprint.of(request.normalised(null))).isEqualTo("5a5f53eb955181cdf7a29be5f8a07dcb72c0df3de428bc2d54824d1467b1f580");
    }

    @Test
    void a_correction_keeps_its_fingerprint() throws Exception {
        CorrectionRequest request = JSON.readValue(CORRECTION, CorrectionRequest.class);

        assertThat(ContentFingerprint.of("talks", request)).isEqualTo("cecb828d09bd85bf18513a98d069fb45cca2cbe55706988da6d0e7fdb08ae7ff");
    }
}
