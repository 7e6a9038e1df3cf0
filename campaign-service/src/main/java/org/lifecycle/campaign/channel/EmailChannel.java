package org.lifecycle.campaign.channel;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import jakarta.enterprise.context.ApplicationScoped;

import org.lifecycle.campaign.delivery.DeliveryOutcome;

import io.quarkus.mailer.Mail;
import io.quarkus.mailer.reactive.ReactiveMailer;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.mail.SMTPException;

/**
 * Sends email over SMTP with Quarkus's reactive mailer (server, port, TLS and credentials: {@code quarkus.mailer.*}).
 * Each message has an HTML and a plain-text part, a {@code Message-ID} made from its message id (so bounces and
 * replies can be matched to it), and the headers Gmail and Yahoo require of bulk senders: {@code List-Unsubscribe}
 * with the one-click link (and a mailto address when configured) and {@code List-Unsubscribe-Post:
 * List-Unsubscribe=One-Click} (RFC 8058).
 *
 * <p>
 * A permanent SMTP refusal (5xx: no such mailbox, refused content) is {@code REJECTED} and never retried; a transient
 * one (4xx), a timeout or a connection failure is retried with backoff and ends {@code FAILED}; the SMTP server has a
 * circuit breaker of its own.
 */
@ApplicationScoped
public class EmailChannel {

    private final ReactiveMailer mailer;
    private final DeliverySettings.Email settings;
    private final GuardedEndpoint smtp;
    private final String messageIdDomain;

    public EmailChannel(ReactiveMailer mailer, DeliverySettings settings) {
        this.mailer = mailer;
        this.settings = settings.email();
        this.smtp = new GuardedEndpoint("smtp", Resilience.of(settings.smtp()));
        this.messageIdDomain = this.settings.messageIdDomain().orElseGet(() -> domainOf(this.settings.from()));
    }

    /** Never fails: every failure is an outcome. */
    public Uni<DeliveryOutcome> send(EmailMessage message) {
        String messageIdHeader = "<" + message.messageId() + "@" + messageIdDomain + ">";
        Mail mail = new Mail()
                .setFrom(settings.from())
                .addTo(message.to())
                .setSubject(message.subject())
                .setHtml(message.html())
                .setText(message.text())
                .addHeader("Message-ID", messageIdHeader)
                .addHeader("List-Unsubscribe", listUnsubscribe(message))
                .addHeader("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        settings.replyTo().ifPresent(mail::setReplyTo);
        return smtp.call(() -> mailer.send(mail)
                .replaceWith(DeliveryOutcome.sent("250 accepted by the SMTP server", messageIdHeader))
                .onFailure().recoverWithUni(EmailChannel::classify));
    }

    private String listUnsubscribe(EmailMessage message) {
        String header = "<" + message.unsubscribeUrl() + ">";
        if (settings.unsubscribeMailto().isPresent()) {
            header += ", <mailto:" + settings.unsubscribeMailto().get() + "?subject="
                    + URLEncoder.encode("unsubscribe " + message.messageId(), StandardCharsets.UTF_8)
                            .replace("+", "%20")
                    + ">";
        }
        return header;
    }

    /** A permanent refusal is an outcome; anything else stays a failure, to be retried. */
    private static Uni<DeliveryOutcome> classify(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SMTPException smtp) {
                String status = smtp.getReplyCode() + " " + smtp.getReplyMessage();
                return smtp.isPermanent()
                        ? Uni.createFrom().item(DeliveryOutcome.rejected(status))
                        : Uni.createFrom().failure(new GuardedEndpoint.TransientRefusal(status));
            }
        }
        return Uni.createFrom().failure(failure);
    }

    /** {@code Acme <news@acme.example>} has the domain {@code acme.example}. */
    static String domainOf(String address) {
        String plain = address.contains("<")
                ? address.substring(address.indexOf('<') + 1).replace(">", "")
                : address;
        int at = plain.lastIndexOf('@');
        return at < 0 ? "localhost" : plain.substring(at + 1).strip();
    }
}
