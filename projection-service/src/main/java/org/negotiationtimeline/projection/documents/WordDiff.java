package org.negotiationtimeline.projection.documents;

import com.github.difflib.algorithm.Change;
import com.github.difflib.algorithm.myers.MyersDiffWithLinearSpace;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A word-level diff of two texts (split on whitespace, punctuation kept with its word), as runs of
 * equal, deleted and inserted words: Myers' shortest edit script in linear space
 * (java-diff-utils), O((a + b) · d) time and O(a + b) memory for texts of a and b words that
 * differ in d. In a replaced stretch, what goes comes before what replaces it.
 */
public final class WordDiff {

    public enum Op { EQUAL, DELETE, INSERT }

    /** A run of words with the same operation, joined by single spaces. */
    public record Run(Op op, String text) {
    }

    private WordDiff() {
    }

    /** The number of words {@link #between} compares in {@code text}. */
    public static int wordCount(String text) {
        return words(text).length;
    }

    public static List<Run> between(String before, String after) {
        String[] a = words(before);
        String[] b = words(after);
        List<Change> changes = new MyersDiffWithLinearSpace<String>().computeDiff(Arrays.asList(a), Arrays.asList(b), null);
        Runs runs = new Runs();
        int i = 0;
        for (int c = 0; c < changes.size(); ) {
            Change first = changes.get(c);
            equal(runs, a, i, first.startOriginal);
            // Adjacent changes are one replaced stretch: all of its deletions, then its insertions.
            int endOriginal = first.endOriginal;
            int endRevised = first.endRevised;
            c++;
            while (c < changes.size() && changes.get(c).startOriginal == endOriginal && changes.get(c).startRevised == endRevised) {
                endOriginal = changes.get(c).endOriginal;
                endRevised = changes.get(c).endRevised;
                c++;
            }
            for (int k = first.startOriginal; k < endOriginal; k++) {
                runs.add(Op.DELETE, a[k]);
            }
            for (int k = first.startRevised; k < endRevised; k++) {
                runs.add(Op.INSERT, b[k]);
            }
            i = endOriginal;
        }
        equal(runs, a, i, a.length);
        return runs.done();
    }

    private static void equal(Runs runs, String[] a, int from, int to) {
        for (int k = from; k < to; k++) {
            runs.add(Op.EQUAL, a[k]);
        }
    }

    /** Each run built with one builder: joining word by word would copy a long run once per word. */
    private static final class Runs {
        private final List<Run> done = new ArrayList<>();
        private Op op;
        private final StringBuilder text = new StringBuilder();

        void add(Op next, String word) {
            if (next != op) {
                close();
                op = next;
            } else {
                text.append(' ');
            }
            text.append(word);
        }

        List<Run> done() {
            close();
            return done;
        }

        private void close() {
            if (op != null) {
                done.add(new Run(op, text.toString()));
                text.setLength(0);
                op = null;
            }
        }
    }

    private static String[] words(String text) {
        String stripped = text == null ? "" : text.strip();
        return stripped.isEmpty() ? new String[0] : stripped.split("\\s+");
    }
}
