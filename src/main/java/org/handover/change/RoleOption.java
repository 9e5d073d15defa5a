package org.handover.change;

import org.handover.contact.ContactRole;
import org.handover.system.Nic;

/**
 * How one role of a service looks to the signed-in account on the edit page: who holds it, whether
 * the account may change it, and if not, why ({@code lockReason} is a message key taking the
 * holder, the role and the service; {@code openRequest} names the request already holding it).
 */
public record RoleOption(
    ContactRole role,
    Nic holder,
    boolean editable,
    boolean assignToMe,
    String lockReason,
    Long openRequest) {}
