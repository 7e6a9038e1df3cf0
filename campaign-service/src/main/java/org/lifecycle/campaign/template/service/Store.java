package org.lifecycle.campaign.template.service;

import java.util.Objects;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The company's store as templates name it ({@code {store.name}}, {@code {store.url}}): the default templates link to
 * it, so it is set once instead of in every template.
 */
public record Store(String name, String url) {

    public Store {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(url, "url");
        url = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    /** {@code lifecycle.store.*} (environment: {@code LIFECYCLE_STORE_NAME}, {@code LIFECYCLE_STORE_URL}). */
    @ConfigMapping(prefix = "lifecycle.store")
    public interface Settings {

        @WithDefault("Our store")
        String name();

        /** The store's home page; links in the default templates start with it. */
        @WithDefault("https://shop.example.com")
        String url();
    }
}
