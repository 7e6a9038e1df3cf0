package org.lifecycle.campaign.support;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;

import org.eclipse.microprofile.config.ConfigProvider;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

/** A real SMTP server (GreenMail) on the port the test application mails to, and what each recipient got. */
public final class Mailbox implements AutoCloseable {

    private final GreenMail smtp;

    private Mailbox(GreenMail smtp) {
        this.smtp = smtp;
    }

    public static Mailbox start() {
        int port = ConfigProvider.getConfig().getValue(IsolatedInfrastructure.SMTP_PORT, Integer.class);
        GreenMail smtp = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        return new Mailbox(smtp);
    }

    public List<MimeMessage> to(String recipient) {
        return Arrays.stream(smtp.getReceivedMessages()).filter(message -> {
            try {
                return Arrays.stream(message.getRecipients(Message.RecipientType.TO))
                        .anyMatch(address -> address.toString().equals(recipient));
            } catch (MessagingException e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }

    public static String subject(MimeMessage message) {
        try {
            return message.getSubject();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The first part of the MIME type ({@code text/plain}, {@code text/html}) of a message; null when it has none. */
    public static String part(Part part, String type) {
        try {
            if (part.isMimeType(type)) {
                return (String) part.getContent();
            }
            if (part.getContent() instanceof Multipart multipart) {
                for (int i = 0; i < multipart.getCount(); i++) {
                    String found = part(multipart.getBodyPart(i), type);
                    if (found != null) {
                        return found;
                    }
                }
            }
            return null;
        } catch (MessagingException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        smtp.stop();
    }
}
