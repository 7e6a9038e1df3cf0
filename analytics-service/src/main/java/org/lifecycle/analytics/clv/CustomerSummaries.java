package org.lifecycle.analytics.clv;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Builds the calibration summaries from raw orders, the way the published BG/NBD, Pareto/NBD and Gamma-Gamma results
 * define them.
 *
 * <ul>
 * <li>Only customers whose first order falls inside the window, and only their orders up to its end, count.</li>
 * <li>Orders on the same day are one purchase (their values add up).</li>
 * <li>x = purchase days after the first; t_x = (last day − first day) / unit; T = (end − first day) / unit.</li>
 * <li>zbar = mean value of the repeat purchase days (the first purchase is left out), exact, not rounded.</li>
 * </ul>
 */
public final class CustomerSummaries {

    private CustomerSummaries() {
    }

    /** One summary per customer, in customer id order. */
    public static List<CustomerSummary> of(Collection<Transaction> transactions, CalibrationWindow window) {
        Map<String, TreeMap<LocalDate, BigDecimal>> days = new HashMap<>();
        for (Transaction t : transactions) {
            if (t.date().isAfter(window.end())) {
                continue;
            }
            days.computeIfAbsent(t.customerId(), id -> new TreeMap<>())
                    .merge(t.date(), BigDecimal.valueOf(t.value()), BigDecimal::add);
        }
        List<CustomerSummary> out = new ArrayList<>(days.size());
        for (Map.Entry<String, TreeMap<LocalDate, BigDecimal>> e : days.entrySet()) {
            TreeMap<LocalDate, BigDecimal> byDay = e.getValue();
            LocalDate first = byDay.firstKey();
            if (first.isBefore(window.start())) {
                continue;
            }
            LocalDate last = byDay.lastKey();
            int x = byDay.size() - 1;
            BigDecimal repeatTotal = BigDecimal.ZERO;
            for (BigDecimal v : byDay.tailMap(first, false).values()) {
                repeatTotal = repeatTotal.add(v);
            }
            double zbar = x == 0 ? 0 : repeatTotal.doubleValue() / x;
            double unit = window.daysPerUnit();
            out.add(new CustomerSummary(e.getKey(), x, ChronoUnit.DAYS.between(first, last) / unit,
                    ChronoUnit.DAYS.between(first, window.end()) / unit, zbar));
        }
        out.sort(Comparator.comparing(CustomerSummary::customerId));
        return out;
    }
}
