package org.negotiationtimeline.projection.documents;

import java.util.ArrayList;
import java.util.List;

/**
 * A word-level diff of two texts: the longest common subsequence of their words (split on
 * whitespace, punctuation kept with its word), as runs of equal, deleted and inserted words.
 * Quadratic in the number of words: fine for provisions, not meant for whole treaties.
 */
public final class WordDiff {

    public enum Op { EQUAL, DELETE, INSERT }

    /** A run of words with the same operation, joined by single spaces. */
    public record Run(Op op, String text) {
    }

    private WordDiff() {
    }

    public static List<Run> between(String before, String after) {
        String[] a = words(before);
        String[] b = words(after);
        int[][] lcs = new int[a.length + 1][b.length + 1];
        for (int i = a.length - 1; i >= 0; i--) {
            for (int j = b.length - 1; j >= 0; j--) {
                lcs[i][j] = a[i].equals(b[j]) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
            }
        }
        List<Run> runs = new ArrayList<>();
        int i = 0;
        int j = 0;
        while (i < a.length || j < b.length) {
            if (i < a.length && j < b.length && a[i].equals(b[j])) {
                add(runs, Op.EQUAL, a[i]);
                i++;
                j++;
            } else if (i < a.length && (j == b.length || lcs[i + 1][j] >= lcs[i][j + 1])) {
                // On a tie, what goes comes before what replaces it.
                add(runs, Op.DELETE, a[i]);
                i++;
            } else {
                add(runs, Op.INSERT, b[j]);
                j++;
            }
        }
        return runs;
    }

    private static void add(List<Run> runs, Op op, String word) {
        if (!runs.isEmpty() && runs.get(runs.size() - 1).op() == op) {
            Run last = runs.remove(runs.size() - 1);
            runs.add(new Run(op, last.text() + " " + word));
        } else {
            runs.add(new Run(op, word));
        }
    }

    private static String[] words(String text) {
        String stripped = text == null ? "" : text.strip();
        return stripped.isEmpty() ? new String[0] : stripped.split("\\s+");
    }
}
