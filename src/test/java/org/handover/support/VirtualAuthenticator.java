package org.handover.support;

import com.google.gson.JsonObject;
import com.microsoft.playwright.CDPSession;

/**
 * A virtual WebAuthn authenticator in Chromium, added through DevTools, as a phone or a security
 * key with a PIN would be: it creates and uses passkeys and verifies its user, without anyone
 * touching it.
 */
public final class VirtualAuthenticator {

  private VirtualAuthenticator() {}

  /** Adds one to the browser of {@code devtools}; returns its id. */
  public static String add(CDPSession devtools) {
    devtools.send("WebAuthn.enable");
    JsonObject options = new JsonObject();
    options.addProperty("protocol", "ctap2");
    options.addProperty("transport", "internal");
    options.addProperty("hasResidentKey", true);
    options.addProperty("hasUserVerification", true);
    options.addProperty("isUserVerified", true);
    options.addProperty("automaticPresenceSimulation", true);
    JsonObject args = new JsonObject();
    args.add("options", options);
    return devtools
        .send("WebAuthn.addVirtualAuthenticator", args)
        .get("authenticatorId")
        .getAsString();
  }
}
