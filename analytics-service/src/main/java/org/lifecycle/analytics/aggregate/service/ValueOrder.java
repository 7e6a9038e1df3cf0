package org.lifecycle.analytics.aggregate.service;

import java.math.BigDecimal;
import java.util.Collection;
import java.util.Comparator;

/**
 * How the values of one dimension are listed. Answers on a numeric scale (NPS 0–10, a 1–5 rating) are compared as
 * numbers, so 10 comes after 9 and not after 1; other values compare "naturally", runs of digits as numbers
 * ({@code /page-2} before {@code /page-10}).
 */
public final class ValueOrder {

    /** Compares text with embedded runs of digits by their numeric value, then as plain text. */
    public static final Comparator<String> NATURAL = ValueOrder::compareNaturally;

    private ValueOrder() {
    }

    /** The value as a number, or null when it is not one ({@code 7}, {@code -1}, {@code 4.5}; not {@code 1e3}). */
    public static BigDecimal number(String value) {
        if (value == null || value.isEmpty() || value.length() > 40 || !value.matches("-?\\d+(\\.\\d+)?")) {
            return null;
        }
        return new BigDecimal(value);
    }

    /** Whether every value is a number: the answers of a numeric scale. */
    public static boolean isScale(Collection<String> values) {
        return !values.isEmpty() && values.stream().allMatch(v -> number(v) != null);
    }

    /** Numbers by value (ties, such as {@code 7} and {@code 7.0}, as text); meant for values that are all numbers. */
    public static int compareNumbers(String a, String b) {
        int byValue = number(a).compareTo(number(b));
        return byValue != 0 ? byValue : a.compareTo(b);
    }

    private static int compareNaturally(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            char x = a.charAt(i);
            char y = b.charAt(j);
            if (Character.isDigit(x) && Character.isDigit(y)) {
                int endA = digitsEnd(a, i);
                int endB = digitsEnd(b, j);
                int byNumber = new BigDecimal(a.substring(i, endA)).compareTo(new BigDecimal(b.substring(j, endB)));
                if (byNumber != 0) {
                    return byNumber;
                }
                i = endA;
                j = endB;
            } else {
                if (x != y) {
                    return Character.compare(x, y);
                }
                i++;
                j++;
            }
        }
        int byLength = Integer.compare(a.length() - i, b.length() - j);
        return byLength != 0 ? byLength : a.compareTo(b);
    }

    private static int digitsEnd(String s, int from) {
        int end = from;
        while (end < s.length() && Character.isDigit(s.charAt(end))) {
            end++;
        }
        return end;
    }
}
