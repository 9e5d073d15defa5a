package org.handover.apiauth;

import java.util.List;
import org.handover.account.Nic;
import org.handover.audit.Actor;

/** The customer a signed API call acts for, and the credential it used. */
public record ApiCaller(
    Nic nic, long credentialId, long applicationId, List<AccessRule> rules, String clientAddress) {

  public Actor actor() {
    return Actor.customer(nic, clientAddress);
  }
}
