package org.lifecycle.campaign.channel;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.inject.Inject;
import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;

import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lifecycle.campaign.delivery.DeliveryGateway;
import org.lifecycle.campaign.delivery.DeliveryOutcome;
import org.lifecycle.campaign.support.Contacts;
import org.lifecycle.campaign.support.IsolatedInfrastructure;
import org.lifecycle.contracts.dispatch.Channel;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/** Email over real SMTP: a GreenMail server takes the mail and the test reads what arrived. */
@QuarkusTest
@QuarkusTestResource(IsolatedInfrastructure.class)
class EmailDeliveryTest {

    private static final Pattern HREF = Pattern.compile("href=\"([^\"]*)\"");
    private static final Pattern IMG = Pattern.compile("<img src=\"([^\"]*)\"");

    private static GreenMail smtp;

    @Inject
    DeliveryGateway gateway;

    @BeforeAll
    static void startSmtpServer() {
        int port = ConfigProvider.getConfig().getValue(IsolatedInfrastructure.SMTP_PORT, Integer.class);
        smtp = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
    }

    @AfterAll
    static void stopSmtpServer() {
        smtp.stop();
    }

    @Test
    void theWinBackEmailArrivesWithBothPartsTrackedLinksAndOneClickUnsubscribe() throws Exception {
        String customer = Contacts.unique("ann");
        String messageId = Contacts.unique("msg");

        DeliveryOutcome outcome = gateway.deliver(Contacts.request(messageId, Channel.EMAIL, "win_back_offer",
                Contacts.ann(customer))).await().atMost(Duration.ofSeconds(30));

        assertThat(outcome.result()).isEqualTo(DeliveryOutcome.Result.SENT);
        MimeMessage mail = received(customer + "@mail.test");
        assertThat(mail.getSubject()).isEqualTo("Ann, we miss you: 25% off");
        assertThat(mail.getFrom()[0].toString()).isEqualTo("Lifecycle <no-reply@localhost>");
        assertThat(mail.getMessageID()).isEqualTo("<" + messageId + "@localhost>")
                .isEqualTo(outcome.providerMessageId());

        String html = part(mail, "text/html");
        String text = part(mail, "text/plain");
        assertThat(html).contains("Hi Ann,").contains("25% off your next order")
                .contains(">25% off your next order, just for you.</div>");
        assertThat(text).contains("Hi Ann,").contains("25% off your next order")
                .contains("Come back and see: https://shop.test");

        List<String> links = all(HREF, html);
        assertThat(links).isNotEmpty().allSatisfy(link -> assertThat(link).startsWith("https://t.shop.test/t/"));
        List<String> clicks = links.stream().filter(link -> link.startsWith("https://t.shop.test/t/c/")).toList();
        assertThat(clicks).hasSize(2);
        assertThat(all(IMG, html)).singleElement().satisfies(pixel -> assertThat(pixel)
                .startsWith("https://t.shop.test/t/o/"));

        String unsubscribe = links.stream().filter(link -> link.startsWith("https://t.shop.test/t/u/")).findFirst()
                .orElseThrow();
        assertThat(mail.getHeader("List-Unsubscribe")).containsExactly("<" + unsubscribe + ">");
        assertThat(mail.getHeader("List-Unsubscribe-Post")).containsExactly("List-Unsubscribe=One-Click");

        for (String click : clicks) {
            given().redirects().follow(false).when().get(click.substring("https://t.shop.test".length()))
                    .then().statusCode(302).header("Location", "https://shop.test");
        }
    }

    @Test
    void aContactWithoutAnEmailAddressIsRejectedWithoutSending() {
        var contact = Contacts.ann(Contacts.unique("nomail")).toBuilder().email(null).build();

        DeliveryOutcome outcome = gateway.deliver(Contacts.request(Contacts.unique("msg"), Channel.EMAIL,
                "win_back_offer", contact)).await().atMost(Duration.ofSeconds(30));

        assertThat(outcome).isEqualTo(DeliveryOutcome.rejected("no email address"));
    }

    private static MimeMessage received(String recipient) {
        List<MimeMessage> found = new ArrayList<>();
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> {
            found.clear();
            for (MimeMessage message : smtp.getReceivedMessages()) {
                if (Arrays.stream(message.getRecipients(Message.RecipientType.TO))
                        .anyMatch(address -> address.toString().equals(recipient))) {
                    found.add(message);
                }
            }
            return !found.isEmpty();
        });
        assertThat(found).hasSize(1);
        return found.getFirst();
    }

    private static String part(Part part, String type) throws MessagingException, IOException {
        if (part.isMimeType(type)) {
            return (String) part.getContent();
        }
        if (part.getContent() instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart child = multipart.getBodyPart(i);
                String found = part(child, type);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    private static List<String> all(Pattern pattern, String html) {
        List<String> found = new ArrayList<>();
        Matcher matcher = pattern.matcher(html);
        while (matcher.find()) {
            found.add(matcher.group(1));
        }
        return found;
    }
}
