package org.lifecycle.bench.web;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Deterministic browser traffic of an online shop in the shape analytics.js sends it: {@code page} calls, {@code track}
 * calls of Segment's e-commerce spec (Product Viewed, Products Searched, Product Added, Checkout Started, Order
 * Completed) and occasional {@code identify} calls, each with the context a browser adds (library, userAgent, locale,
 * timezone, ip, page, and campaign on campaign-landed sessions). Visitors come back in several sessions; about a third
 * are known customers who carry a {@code userId} once logged in; every message has an {@code anonymousId}. The same
 * seed gives the same messages byte for byte.
 */
public final class WebTrafficGenerator {

    /** One generated message: its serialized JSON, its type and the id Kafka keys it by (userId, else anonymousId). */
    public record WebEvent(String type, String key, byte[] json) {
    }

    static final String SITE = "https://nordkap.shop";
    static final String SHOP = "Nordkap";
    private static final Instant START = Instant.parse("2024-05-06T00:00:00Z");
    private static final long WEEK_SECONDS = 7 * 24 * 3600;
    private static final DateTimeFormatter ISO = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);
    private static final ObjectMapper JSON = new ObjectMapper();

    static final String[] USER_AGENTS = {
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36",
            "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36",
            "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4.1 Safari/605.1.15",
            "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4.1 Mobile/15E148 Safari/604.1",
            "Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Mobile Safari/537.36",
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:125.0) Gecko/20100101 Firefox/125.0",
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36 Edg/124.0.0.0",
            "Mozilla/5.0 (Linux; Android 14; SAMSUNG SM-S911B) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/24.0 Chrome/117.0.0.0 Mobile Safari/537.36",
            "Mozilla/5.0 (iPad; CPU OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1",
            "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/123.0.0.0 Safari/537.36",
    };
    /** Rough shares of the user agents above (Chrome desktop and iPhone Safari lead). */
    private static final int[] USER_AGENT_WEIGHTS = {26, 10, 8, 22, 14, 5, 6, 4, 3, 2};

    /** locale, timezone, currency. */
    private static final String[][] LOCALES = {
            {"en-US", "America/New_York", "USD"}, {"en-US", "America/Chicago", "USD"},
            {"en-US", "America/Los_Angeles", "USD"}, {"en-GB", "Europe/London", "GBP"},
            {"de-DE", "Europe/Berlin", "EUR"}, {"fr-FR", "Europe/Paris", "EUR"}, {"nl-NL", "Europe/Amsterdam", "EUR"},
            {"es-ES", "Europe/Madrid", "EUR"}, {"en-CA", "America/Toronto", "CAD"},
            {"en-AU", "Australia/Sydney", "AUD"},
    };
    private static final int[] LOCALE_WEIGHTS = {18, 10, 12, 20, 10, 8, 5, 5, 6, 6};

    private static final String[] REFERRERS = {
            "https://www.google.com/", "https://www.google.com/", "https://www.bing.com/", "https://duckduckgo.com/",
            "https://www.facebook.com/", "https://www.instagram.com/", "https://www.pinterest.com/", "https://t.co/",
    };
    /** name, source, medium. */
    private static final String[][] CAMPAIGNS = {
            {"spring_sale_2024", "google", "cpc"}, {"spring_sale_2024", "facebook", "paid_social"},
            {"newsletter_w18", "newsletter", "email"}, {"abandoned_cart", "klaviyo", "email"},
            {"summer_preview", "instagram", "paid_social"}, {"brand_search", "bing", "cpc"},
    };

    private static final String[][] CATEGORIES = {
            {"Women", "Dresses"}, {"Women", "Knitwear"}, {"Women", "Shoes"}, {"Men", "Shirts"}, {"Men", "Jackets"},
            {"Men", "Shoes"}, {"Home", "Bedding"}, {"Home", "Kitchen"}, {"Accessories", "Bags"},
            {"Accessories", "Jewellery"},
    };
    private static final String[][] CATEGORY_NOUNS = {
            {"Midi Dress", "Wrap Dress", "Maxi Dress", "Shirt Dress"}, {"Cardigan", "Crew Neck Jumper", "Roll Neck"},
            {"Leather Loafer", "Ankle Boot", "Canvas Trainer"}, {"Oxford Shirt", "Linen Shirt", "Flannel Overshirt"},
            {"Field Jacket", "Quilted Gilet", "Rain Parka"}, {"Chelsea Boot", "Suede Derby", "Running Trainer"},
            {"Duvet Cover Set", "Waffle Throw", "Pillowcase Pair"}, {"Stoneware Mug", "Cast Iron Skillet", "Oak Board"},
            {"Tote Bag", "Crossbody Bag", "Weekender"}, {"Hoop Earrings", "Chain Necklace", "Signet Ring"},
    };
    private static final String[] ADJECTIVES = {"Classic", "Everyday", "Heritage", "Essential", "Nordic", "Studio",
            "Original", "Fjord", "Harbour", "Alpine"};
    private static final String[] COLOURS = {"Navy", "Ecru", "Black", "Sage", "Rust", "Stone", "Charcoal", "Sky Blue"};
    private static final String[] BRANDS = {"Nordkap", "Fjällgrund", "Maple & Pine", "Osprey Lane", "Tidewater",
            "Common Thread"};
    private static final String[] SEARCHES = {"linen dress", "wool jumper", "rain jacket", "white trainers",
            "gift for him", "sale", "duvet cover", "leather bag", "chelsea boots", "summer dress", "mug", "earrings"};
    private static final String[] FIRST_NAMES = {"Olivia", "Liam", "Emma", "Noah", "Amelia", "Oliver", "Sophie",
            "Lucas", "Mia", "Elias", "Charlotte", "Jack", "Léa", "Finn", "Isabella", "Mateo", "Hannah", "Leo"};
    private static final String[] LAST_NAMES = {"Smith", "Johnson", "Brown", "Williams", "Müller", "Martin",
            "García", "de Vries", "Taylor", "Wilson", "Schmidt", "Dubois", "Anderson", "Thompson", "Jansen", "Clarke"};
    private static final String[] MAIL_DOMAINS = {"gmail.com", "gmail.com", "outlook.com", "yahoo.com",
            "icloud.com", "hotmail.co.uk", "gmx.de", "proton.me"};
    private static final String[] PLANS = {"free", "free", "free", "member", "member", "premium"};

    private record Product(String id, String sku, String name, String slug, String category, String brand,
            BigDecimal price) {
    }

    private record Visitor(String anonymousId, String userId, String firstName, String lastName, String email,
            String plan, String userAgent, String[] locale, String ip) {
    }

    private final long seed;
    private final SplittableRandom random;
    private final List<Product> catalogue = new ArrayList<>();

    public WebTrafficGenerator(long seed) {
        this.seed = seed;
        this.random = new SplittableRandom(seed);
        for (int i = 0; i < 240; i++) {
            catalogue.add(product(i));
        }
    }

    public long seed() {
        return seed;
    }

    /** At least {@code count} messages (whole sessions), ordered by timestamp; the first {@code count} returned. */
    public List<WebEvent> generate(int count) {
        int visitors = Math.max(50, count / 12);
        List<Visitor> people = new ArrayList<>(visitors);
        for (int i = 0; i < visitors; i++) {
            people.add(visitor(i));
        }
        List<Timed> events = new ArrayList<>(count + 64);
        while (events.size() < count) {
            // Pareto-like return visits: a few visitors come back often.
            int index = (int) Math.min(visitors - 1, Math.floor(visitors * Math.pow(random.nextDouble(), 1.6)));
            session(people.get(index), events);
        }
        events.sort(Comparator.comparingLong(Timed::millis).thenComparingInt(Timed::order));
        List<WebEvent> out = new ArrayList<>(count);
        for (Timed t : events.subList(0, count)) {
            out.add(t.event());
        }
        return out;
    }

    private record Timed(long millis, int order, WebEvent event) {
    }

    private void session(Visitor visitor, List<Timed> out) {
        long at = START.toEpochMilli() + random.nextLong(WEEK_SECONDS) * 1000 + random.nextInt(1000);
        String[] campaign = random.nextInt(100) < 22 ? CAMPAIGNS[random.nextInt(CAMPAIGNS.length)] : null;
        String referrer = campaign != null || random.nextInt(100) < 45
                ? REFERRERS[random.nextInt(REFERRERS.length)]
                : "";
        // Known customers are logged in on most of their sessions; others stay anonymous.
        boolean loggedIn = visitor.userId() != null && random.nextInt(100) < 75;
        Session s = new Session(visitor, loggedIn ? visitor.userId() : null, campaign, out);

        Page landing = campaign != null && random.nextBoolean() ? productPage(pick()) : home(campaign);
        s.page(at, landing, referrer);
        if (loggedIn && random.nextInt(100) < 30) {
            s.identify(at += 400 + random.nextInt(1500));
        }
        int steps = 1 + (int) Math.floor(-Math.log(1 - random.nextDouble()) * 5);
        List<Product> cart = new ArrayList<>();
        Page current = landing;
        for (int step = 0; step < steps; step++) {
            at += 3_000 + random.nextInt(60_000);
            int roll = random.nextInt(100);
            if (roll < 30) {
                int c = random.nextInt(CATEGORIES.length);
                Page next = new Page("/c/" + slug(CATEGORIES[c][0]) + "/" + slug(CATEGORIES[c][1]), "",
                        CATEGORIES[c][0] + " " + CATEGORIES[c][1] + " | " + SHOP, CATEGORIES[c][1]);
                s.page(at, next, SITE + current.path());
                current = next;
            } else if (roll < 62) {
                Product p = pick();
                Page next = productPage(p);
                s.page(at, next, SITE + current.path());
                current = next;
                s.track(at + 150 + random.nextInt(300), "Product Viewed", productProperties(p, null, visitor), current);
            } else if (roll < 72) {
                String query = SEARCHES[random.nextInt(SEARCHES.length)];
                Page next = new Page("/search", "?q=" + query.replace(' ', '+'),
                        "Search results for \"" + query + "\" | " + SHOP, "Search");
                s.page(at, next, SITE + current.path());
                current = next;
                ObjectNode props = JSON.createObjectNode();
                props.put("query", query);
                s.track(at + 120 + random.nextInt(200), "Products Searched", props, current);
            } else if (roll < 88) {
                Product p = current.product() != null ? current.product() : pick();
                cart.add(p);
                ObjectNode props = productProperties(p, 1 + (random.nextInt(10) == 0 ? 1 : 0), visitor);
                props.put("cart_id", visitor.anonymousId().substring(0, 8) + "-cart");
                s.track(at, "Product Added", props, current);
            } else if (!cart.isEmpty()) {
                Page checkout = new Page("/checkout", "", "Checkout | " + SHOP, "Checkout");
                s.page(at, checkout, SITE + "/cart");
                List<Product> basket = cart.subList(Math.max(0, cart.size() - 3), cart.size());
                String orderId = "NK-" + (100_000 + random.nextInt(900_000));
                s.track(at + 200 + random.nextInt(400), "Checkout Started", order(orderId, basket, visitor, false),
                        checkout);
                if (random.nextInt(100) < 60) {
                    at += 40_000 + random.nextInt(120_000);
                    Page done = new Page("/checkout/confirmation", "", "Thank you | " + SHOP,
                            "Order Confirmation");
                    s.page(at, done, SITE + "/checkout");
                    s.track(at + 200 + random.nextInt(400), "Order Completed", order(orderId, basket, visitor, true),
                            done);
                    cart.clear();
                }
                current = checkout;
            } else {
                Page next = home(null);
                s.page(at, next, SITE + current.path());
                current = next;
            }
        }
    }

    /** A page of the shop: path, query string (with its '?'), title, Segment page name, and its product if any. */
    private record Page(String path, String search, String title, String name, Product product) {
        Page(String path, String search, String title, String name) {
            this(path, search, title, name, null);
        }
    }

    private Page home(String[] campaign) {
        String search = campaign == null
                ? ""
                : "?utm_source=" + campaign[1] + "&utm_medium=" + campaign[2] + "&utm_campaign=" + campaign[0];
        return new Page("/", search, SHOP + " | Clothing & Home", "Home");
    }

    private static Page productPage(Product p) {
        return new Page("/p/" + p.slug() + "-" + p.id(), "", p.name() + " | " + SHOP, "Product",
                p);
    }

    private final class Session {
        private final Visitor visitor;
        private final String userId;
        private final String[] campaign;
        private final List<Timed> out;

        Session(Visitor visitor, String userId, String[] campaign, List<Timed> out) {
            this.visitor = visitor;
            this.userId = userId;
            this.campaign = campaign;
            this.out = out;
        }

        void page(long at, Page page, String referrer) {
            ObjectNode m = message("page", at);
            m.put("name", page.name());
            m.set("properties", pageObject(page, referrer));
            finish(m, at, page, referrer);
        }

        void track(long at, String event, ObjectNode properties, Page page) {
            ObjectNode m = message("track", at);
            m.put("event", event);
            m.set("properties", properties);
            finish(m, at, page, "");
        }

        void identify(long at) {
            ObjectNode m = message("identify", at);
            ObjectNode traits = m.putObject("traits");
            traits.put("email", visitor.email());
            traits.put("first_name", visitor.firstName());
            traits.put("last_name", visitor.lastName());
            traits.put("plan", visitor.plan());
            finish(m, at, new Page("/account", "", "My account | " + SHOP, "Account"), "");
        }

        private ObjectNode message(String type, long at) {
            ObjectNode m = JSON.createObjectNode();
            m.put("type", type);
            m.put("anonymousId", visitor.anonymousId());
            if (userId != null) {
                m.put("userId", userId);
            }
            m.put("messageId", "ajs-next-" + hex(32));
            m.put("timestamp", ISO.format(Instant.ofEpochMilli(at)));
            return m;
        }

        private void finish(ObjectNode m, long at, Page page, String referrer) {
            ObjectNode context = m.putObject("context");
            ObjectNode library = context.putObject("library");
            library.put("name", "analytics.js");
            library.put("version", "npm:next-1.70.0");
            context.put("locale", visitor.locale()[0]);
            context.put("timezone", visitor.locale()[1]);
            context.put("userAgent", visitor.userAgent());
            context.put("ip", visitor.ip());
            context.set("page", pageObject(page, referrer));
            if (campaign != null) {
                ObjectNode c = context.putObject("campaign");
                c.put("name", campaign[0]);
                c.put("source", campaign[1]);
                c.put("medium", campaign[2]);
            }
            String type = m.get("type").textValue();
            try {
                out.add(new Timed(at, out.size(), new WebEvent(type, userId != null ? userId : visitor.anonymousId(),
                        JSON.writeValueAsBytes(m))));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private static ObjectNode pageObject(Page page, String referrer) {
        ObjectNode p = JSON.createObjectNode();
        p.put("path", page.path());
        p.put("referrer", referrer);
        p.put("search", page.search());
        p.put("title", page.title());
        p.put("url", SITE + page.path() + page.search());
        return p;
    }

    private ObjectNode productProperties(Product p, Integer quantity, Visitor visitor) {
        ObjectNode props = JSON.createObjectNode();
        props.put("product_id", p.id());
        props.put("sku", p.sku());
        props.put("name", p.name());
        props.put("price", p.price());
        props.put("currency", visitor.locale()[2]);
        props.put("category", p.category());
        props.put("brand", p.brand());
        if (quantity != null) {
            props.put("quantity", quantity);
        }
        return props;
    }

    private ObjectNode order(String orderId, List<Product> basket, Visitor visitor, boolean completed) {
        ObjectNode props = JSON.createObjectNode();
        props.put("order_id", orderId);
        BigDecimal subtotal = basket.stream().map(Product::price).reduce(BigDecimal.ZERO, BigDecimal::add);
        BigDecimal shipping = subtotal.compareTo(BigDecimal.valueOf(75)) >= 0
                ? BigDecimal.ZERO
                : new BigDecimal("4.95");
        BigDecimal tax = subtotal.multiply(new BigDecimal("0.2")).setScale(2, RoundingMode.HALF_UP);
        props.put("value", subtotal);
        if (completed) {
            props.put("total", subtotal.add(shipping));
            props.put("revenue", subtotal.subtract(tax));
            props.put("shipping", shipping);
            props.put("tax", tax);
        }
        props.put("currency", visitor.locale()[2]);
        ArrayNode products = props.putArray("products");
        for (Product p : basket) {
            ObjectNode line = products.addObject();
            line.put("product_id", p.id());
            line.put("sku", p.sku());
            line.put("name", p.name());
            line.put("price", p.price());
            line.put("quantity", 1);
        }
        return props;
    }

    private Product product(int i) {
        int c = random.nextInt(CATEGORIES.length);
        String[] nouns = CATEGORY_NOUNS[c];
        String noun = nouns[random.nextInt(nouns.length)];
        String name = ADJECTIVES[random.nextInt(ADJECTIVES.length)] + " " + noun
                + " - " + COLOURS[random.nextInt(COLOURS.length)];
        // Log-normal prices around 45 with the .95/.00 endings shops use.
        double raw = Math.exp(Math.log(45) + random.nextGaussian() * 0.6);
        BigDecimal price = BigDecimal.valueOf(Math.max(6, Math.round(raw)))
                .subtract(random.nextBoolean() ? new BigDecimal("0.05") : BigDecimal.ZERO).setScale(2);
        String id = String.valueOf(100_000 + i * 37 + random.nextInt(37));
        return new Product(id, "NK-" + CATEGORIES[c][1].substring(0, 3).toUpperCase(Locale.ROOT) + "-" + id,
                name, slug(noun), CATEGORIES[c][0] + "/" + CATEGORIES[c][1], BRANDS[random.nextInt(BRANDS.length)],
                price);
    }

    private Product pick() {
        // Popular products get most views (Zipf-like).
        return catalogue.get((int) Math.floor(catalogue.size() * Math.pow(random.nextDouble(), 2.2)));
    }

    private Visitor visitor(int i) {
        String anonymousId = uuid();
        String[] locale = LOCALES[weighted(LOCALE_WEIGHTS)];
        String userAgent = USER_AGENTS[weighted(USER_AGENT_WEIGHTS)];
        String ip = (23 + random.nextInt(180)) + "." + random.nextInt(256) + "." + random.nextInt(256) + "."
                + (1 + random.nextInt(254));
        if (random.nextInt(100) >= 35) {
            return new Visitor(anonymousId, null, null, null, null, null, userAgent, locale, ip);
        }
        String first = FIRST_NAMES[random.nextInt(FIRST_NAMES.length)];
        String last = LAST_NAMES[random.nextInt(LAST_NAMES.length)];
        String email = ascii(first) + "." + ascii(last).replace(" ", "") + (random.nextBoolean()
                ? ""
                : String.valueOf(
                        random.nextInt(100)))
                + "@" + MAIL_DOMAINS[random.nextInt(MAIL_DOMAINS.length)];
        String userId = "usr_" + hex(16);
        return new Visitor(anonymousId, userId, first, last, email, PLANS[random.nextInt(PLANS.length)], userAgent,
                locale, ip);
    }

    private int weighted(int[] weights) {
        int total = 0;
        for (int w : weights) {
            total += w;
        }
        int roll = random.nextInt(total);
        for (int i = 0; i < weights.length; i++) {
            roll -= weights[i];
            if (roll < 0) {
                return i;
            }
        }
        return weights.length - 1;
    }

    private String uuid() {
        String h = hex(32);
        return h.substring(0, 8) + "-" + h.substring(8, 12) + "-4" + h.substring(13, 16) + "-a" + h.substring(17, 20)
                + "-" + h.substring(20);
    }

    private String hex(int digits) {
        StringBuilder b = new StringBuilder(digits);
        for (int i = 0; i < digits; i++) {
            b.append(Character.forDigit(random.nextInt(16), 16));
        }
        return b.toString();
    }

    private static String slug(String text) {
        return ascii(text).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
    }

    private static String ascii(String text) {
        return java.text.Normalizer.normalize(text, java.text.Normalizer.Form.NFD).replaceAll("\\p{M}", "")
                .toLowerCase(Locale.ROOT);
    }
}
