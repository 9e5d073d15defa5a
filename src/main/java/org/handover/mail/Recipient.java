package org.handover.mail;

import org.handover.system.Language;
import org.handover.system.Nic;

/** Where an email goes and in which language it is written. */
public record Recipient(Nic nic, String email, Language language) {}
