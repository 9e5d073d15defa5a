package org.handover.account;

import org.handover.system.Nic;

/**
 * A signed-in customer as a session holds them, whichever way they signed in (a Handover password
 * or passkey, or the provider's identity provider): customer ID and the name the menu shows.
 */
public interface PanelCustomer {

  Nic nic();

  String displayName();
}
