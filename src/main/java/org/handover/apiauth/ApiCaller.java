package org.handover.apiauth;

import java.util.List;
import org.handover.system.Actor;
import org.handover.system.Nic;

/** The customer a signed API call acts for, and the credential it used. */
public record ApiCaller(
    Nic nic, long credentialId, long applicationId, List<AccessRule> rules, String clientAddress) {

  public Actor actor() {
    return Actor.customer(nic, clientAddress);
  }
}
