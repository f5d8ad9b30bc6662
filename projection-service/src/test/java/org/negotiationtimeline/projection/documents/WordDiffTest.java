package org.negotiationtimeline.projection.documents;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.negotiationtimeline.projection.documents.WordDiff.Op;
import org.negotiationtimeline.projection.documents.WordDiff.Run;

class WordDiffTest {

    @Test
    void a_word_inserted() {
        assertThat(WordDiff.between("A ceasefire along the line of contact.", "A ceasefire along the current line of contact."))
                .containsExactly(new Run(Op.EQUAL, "A ceasefire along the"), new Run(Op.INSERT, "current"),
                        new Run(Op.EQUAL, "line of contact."));
    }

    @Test
    void a_phrase_replaced() {
        assertThat(WordDiff.between("Sanctions are lifted in stages.", "Sanctions are lifted once a deal is signed."))
                .containsExactly(new Run(Op.EQUAL, "Sanctions are lifted"), new Run(Op.DELETE, "in stages."),
                        new Run(Op.INSERT, "once a deal is signed."));
    }

    @Test
    void whitespace_alone_changes_nothing_and_empty_texts_are_all_inserted_or_deleted() {
        assertThat(WordDiff.between("Elections  within\n100 days.", "Elections within 100 days."))
                .containsExactly(new Run(Op.EQUAL, "Elections within 100 days."));
        assertThat(WordDiff.between("", "New text.")).containsExactly(new Run(Op.INSERT, "New text."));
        assertThat(WordDiff.between("Old text.", "")).containsExactly(new Run(Op.DELETE, "Old text."));
        assertThat(WordDiff.between("", "")).isEqualTo(List.of());
    }
}
