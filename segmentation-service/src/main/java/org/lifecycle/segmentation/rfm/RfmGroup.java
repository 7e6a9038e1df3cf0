package org.lifecycle.segmentation.rfm;

/** The groups of the RFM map, as Omnisend names them; the key is what profiles, segments and events carry. */
public enum RfmGroup {

    CHAMPIONS("champions", "Champions"), LOYALISTS("loyalists", "Loyalists"), RECENT_CUSTOMERS("recent_customers",
            "Recent customers"), HIGH_POTENTIAL("high_potential", "High potential"), NEEDS_NURTURING("needs_nurturing",
                    "Needs nurturing"), AT_RISK("at_risk", "At risk"), CANT_LOSE("cant_lose",
                            "Can't lose"), ABOUT_TO_LOSE("about_to_lose", "About to lose");

    private final String key;
    private final String displayName;

    RfmGroup(String key, String displayName) {
        this.key = key;
        this.displayName = displayName;
    }

    public String key() {
        return key;
    }

    public String displayName() {
        return displayName;
    }
}
