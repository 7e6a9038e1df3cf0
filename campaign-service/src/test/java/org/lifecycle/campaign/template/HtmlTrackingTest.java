package org.lifecycle.campaign.template;

import org.junit.jupiter.api.Test;
import org.lifecycle.campaign.template.service.HtmlTracking;
import org.lifecycle.campaign.tracking.TrackingLinks;

import static org.assertj.core.api.Assertions.assertThat;

class HtmlTrackingTest {

    private static String track(String html, String preheader) {
        return HtmlTracking.track(html, TrackingLinks::isTrackable, url -> "https://t.example/c?" + url,
                "https://t.example/o", preheader);
    }

    @Test
    void everyWebLinkGoesThroughItsClickLinkAndOtherLinksStay() {
        String html = """
                <a href="https://shop.example/a?x=1&amp;y=2">A</a>
                <A class="b" HREF='http://shop.example/b'>B</A>
                <a href="mailto:help@shop.example">mail</a> <a href="tel:+1555">call</a> <a href="#top">top</a>
                <a href=" https://shop.example/c ">C</a>""";

        String tracked = track(html, null);

        assertThat(tracked)
                .contains("<a href=\"https://t.example/c?https://shop.example/a?x=1&amp;y=2\">A</a>")
                .contains("<A class=\"b\" HREF=\"https://t.example/c?http://shop.example/b\">B</A>")
                .contains("<a href=\"mailto:help@shop.example\">mail</a>")
                .contains("<a href=\"tel:+1555\">call</a>")
                .contains("<a href=\"#top\">top</a>")
                .contains("<a href=\"https://t.example/c?https://shop.example/c\">C</a>");
    }

    @Test
    void thePixelEndsTheBodyAndThePreheaderStartsItHidden() {
        String tracked = track("<html><body class=\"x\"><p>Hi</p></body></html>", "50% <off>");

        assertThat(tracked).startsWith("<html><body class=\"x\"><div style=\"display:none;")
                .contains(">50% &lt;off&gt;</div><p>Hi</p><img src=\"https://t.example/o\" width=\"1\" height=\"1\"")
                .endsWith("></body></html>");
    }

    @Test
    void aFragmentWithoutBodyGetsThePixelAtTheEnd() {
        assertThat(track("<p>Hi</p>", " ")).startsWith("<p>Hi</p><img src=\"https://t.example/o\"");
    }
}
