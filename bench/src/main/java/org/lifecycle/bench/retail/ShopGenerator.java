package org.lifecycle.bench.retail;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Deterministic shop data shaped like the Online Retail set, for machines without the real file: a catalogue of
 * gift-shop products, customers from mostly one country, a Pareto-like number of orders per customer spread over a
 * year of weekday shop hours, baskets of a few to a few dozen lines, about 12% of orders partly cancelled later and
 * about 12% guest checkouts. The same seed and size always give the same invoices.
 */
public final class ShopGenerator {

    /** The year the generated invoices span, like the real file's. */
    public static final LocalDate FIRST_DAY = LocalDate.of(2010, 12, 1);
    public static final int DAYS = 374;

    private static final String[] COUNTRIES = {"United Kingdom", "Germany", "France", "EIRE", "Spain", "Netherlands",
            "Belgium", "Switzerland", "Portugal", "Australia", "Norway", "Italy", "Sweden", "Denmark"};
    private static final double[] COUNTRY_WEIGHTS = {90, 2.2, 2.0, 0.8, 0.7, 0.5, 0.6, 0.5, 0.4, 0.3, 0.3, 0.3, 0.2,
            0.2};
    private static final String[] COLOURS = {"WHITE", "RED", "PINK", "BLUE", "GREEN", "IVORY", "CREAM", "BLACK",
            "SILVER", "VINTAGE", "RETRO", "PAISLEY", "POLKADOT", "REGENCY", "JUMBO", "SET OF 3", "SMALL", "LARGE"};
    private static final String[] MOTIFS = {"HEART", "SPOTTY", "BIRD", "FLOWER", "STAR", "CHRISTMAS", "UNION FLAG",
            "BUTTERFLY", "ROSE", "DOLLY GIRL", "SPACEBOY", "WOODLAND", "LOVE", "ENGLISH ROSE", "DOILY"};
    private static final String[] ITEMS = {"T-LIGHT HOLDER", "LANTERN", "COAT HANGER", "HOT WATER BOTTLE", "LUNCH BAG",
            "CAKE CASES", "MUG", "TEA CUP AND SAUCER", "NAPKINS", "GIFT WRAP", "DOORMAT", "CUSHION COVER",
            "PHOTO FRAME",
            "SHOPPER BAG", "JAM JAR", "PAPER CHAIN KIT", "CANDLE", "NOTEBOOK", "BUNTING", "STORAGE TIN"};
    private static final int[] QUANTITIES = {1, 2, 3, 4, 6, 8, 10, 12, 24, 48};
    private static final double[] QUANTITY_WEIGHTS = {12, 14, 8, 10, 14, 5, 5, 22, 7, 3};

    private final long seed;

    public ShopGenerator(long seed) {
        this.seed = seed;
    }

    private record Product(String stockCode, String name, BigDecimal price) {
    }

    /** Invoices of {@code customers} customers (plus guests), in time order, numbered from 900000. */
    public List<Invoice> generate(int customers) {
        SplittableRandom random = new SplittableRandom(seed);
        List<Product> catalogue = catalogue(random, 600);
        record Draft(LocalDateTime time, String customerId, String country, List<InvoiceLine> lines, boolean cancel) {
        }
        List<Draft> drafts = new ArrayList<>();
        for (int c = 0; c < customers; c++) {
            String customerId = Integer.toString(12000 + c * 3 + random.nextInt(3));
            String country = pick(random, COUNTRIES, COUNTRY_WEIGHTS);
            int orders = orderCount(random);
            int firstDay = random.nextInt(DAYS);
            // Regular customers buy at their own pace: mean gap between orders fitted to stay within the year.
            double meanGap = Math.max(3, (DAYS - firstDay) / (double) Math.max(1, orders));
            double day = firstDay;
            for (int o = 0; o < orders && day < DAYS; o++) {
                LocalDateTime time = shopTime(random, (int) day);
                List<InvoiceLine> lines = basket(random, catalogue);
                drafts.add(new Draft(time, customerId, country, lines, false));
                if (random.nextDouble() < 0.12) {
                    drafts.add(new Draft(time.plusHours(1 + random.nextInt(72)), customerId, country,
                            cancelled(random, lines), true));
                }
                day += -meanGap * Math.log(1 - random.nextDouble());
            }
        }
        int guests = customers * 85 / 100;
        for (int g = 0; g < guests; g++) {
            drafts.add(new Draft(shopTime(random, random.nextInt(DAYS)), null, "United Kingdom",
                    basket(random, catalogue), false));
        }
        drafts.sort(Comparator.comparing(Draft::time).thenComparing(d -> d.customerId() == null ? "" : d.customerId()));
        List<Invoice> invoices = new ArrayList<>(drafts.size());
        int number = 900000;
        for (Draft d : drafts) {
            String no = (d.cancel() ? "C" : "") + number++;
            Instant at = d.time().atZone(RetailCsv.SHOP_ZONE).toInstant();
            invoices.add(new Invoice(no, d.customerId(), d.country(), at, d.lines()));
        }
        return invoices;
    }

    /** Pareto-like: most customers order once or twice, a few dozens of times (capped at 120). */
    private static int orderCount(SplittableRandom random) {
        double pareto = Math.pow(1 - random.nextDouble(), -1 / 1.1);
        return (int) Math.min(120, Math.floor(pareto * 1.2));
    }

    private static LocalDateTime shopTime(SplittableRandom random, int day) {
        LocalDate date = FIRST_DAY.plusDays(day);
        if (date.getDayOfWeek() == DayOfWeek.SATURDAY) {
            date = date.plusDays(2);
        }
        int minute = 7 * 60 + 30 + random.nextInt(11 * 60);
        return date.atStartOfDay().plus(minute, ChronoUnit.MINUTES);
    }

    private static List<InvoiceLine> basket(SplittableRandom random, List<Product> catalogue) {
        // Log-normal basket size: median about 12 lines, a long tail of wholesale orders.
        int size = (int) Math.max(1, Math.min(250, Math.round(Math.exp(2.5 + 0.9 * gaussian(random)))));
        List<InvoiceLine> lines = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            Product p = catalogue.get(popularIndex(random, catalogue.size()));
            int qty = QUANTITIES[pickIndex(random, QUANTITY_WEIGHTS)];
            lines.add(new InvoiceLine(p.stockCode(), p.name(), qty, p.price()));
        }
        return lines;
    }

    private static List<InvoiceLine> cancelled(SplittableRandom random, List<InvoiceLine> lines) {
        List<InvoiceLine> out = new ArrayList<>();
        for (InvoiceLine line : lines) {
            if (out.isEmpty() || random.nextDouble() < 0.3) {
                out.add(new InvoiceLine(line.stockCode(), line.description(), -line.quantity(), line.unitPrice()));
            }
        }
        return out;
    }

    private static List<Product> catalogue(SplittableRandom random, int size) {
        List<Product> products = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            String code = Integer.toString(20000 + i * 97 % 70000)
                    + (random.nextDouble() < 0.2 ? "ABCDE".charAt(random.nextInt(5)) : "");
            String name = COLOURS[random.nextInt(COLOURS.length)] + " " + MOTIFS[random.nextInt(MOTIFS.length)] + " "
                    + ITEMS[random.nextInt(ITEMS.length)];
            double price = Math.exp(0.8 + 0.8 * gaussian(random));
            products.add(new Product(code, name,
                    BigDecimal.valueOf(Math.max(0.19, Math.min(49.95, price))).setScale(2, RoundingMode.HALF_UP)));
        }
        return products;
    }

    /** Zipf-like popularity: low indexes sell far more often. */
    private static int popularIndex(SplittableRandom random, int size) {
        return (int) Math.min(size - 1, Math.floor(size * Math.pow(random.nextDouble(), 2.2)));
    }

    private static double gaussian(SplittableRandom random) {
        double u = 1 - random.nextDouble();
        double v = random.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }

    private static String pick(SplittableRandom random, String[] values, double[] weights) {
        return values[pickIndex(random, weights)];
    }

    private static int pickIndex(SplittableRandom random, double[] weights) {
        double total = 0;
        for (double w : weights) {
            total += w;
        }
        double r = random.nextDouble() * total;
        for (int i = 0; i < weights.length; i++) {
            r -= weights[i];
            if (r < 0) {
                return i;
            }
        }
        return weights.length - 1;
    }
}
