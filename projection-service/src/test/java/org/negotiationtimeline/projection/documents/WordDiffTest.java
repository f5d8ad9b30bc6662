package org.negotiationtimeline.projection.documents;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
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

    /**
     * Two 10,000-word provisions that differ in every tenth word: a quadratic table would take
     * 10,001 × 10,001 ints (400 MB); Myers in linear space allocates a few megabytes. Measured as
     * the bytes this thread allocates (HotSpot's ThreadMXBean), so no heap setting is needed.
     */
    @Test
    void two_ten_thousand_word_texts_are_compared_in_bounded_memory() {
        Random random = new Random(13);
        List<String> before = new ArrayList<>();
        List<String> after = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            String word = "w" + random.nextInt(2_000);
            before.add(word);
            after.add(i % 10 == 3 ? "changed" + i : word);
        }
        String a = String.join(" ", before);
        String b = String.join(" ", after);
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long id = Thread.currentThread().getId();

        long start = threads.getThreadAllocatedBytes(id);
        List<Run> runs = WordDiff.between(a, b);
        long allocated = threads.getThreadAllocatedBytes(id) - start;

        assertThat(allocated).as("bytes allocated by the diff").isLessThan(64L * 1024 * 1024);
        assertThat(runs.stream().filter(r -> r.op() == Op.INSERT).flatMap(r -> List.of(r.text().split(" ")).stream()))
                .as("every changed word, and only those, inserted").hasSize(1_000).allMatch(w -> w.startsWith("changed"));
        assertThat(String.join(" ", runs.stream().filter(r -> r.op() != Op.DELETE).map(Run::text).toList())).isEqualTo(b);
        assertThat(String.join(" ", runs.stream().filter(r -> r.op() != Op.INSERT).map(Run::text).toList())).isEqualTo(a);
    }
}
