package org.handover.account;

import org.handover.system.Language;
import org.handover.system.Nic;

/**
 * What is needed to open an account. {@code nic} may be null (one is generated); {@code
 * rawPassword} may be null (the account cannot sign in until a password is set).
 */
public record NewAccount(
    Nic nic,
    String email,
    String firstName,
    String lastName,
    String organisation,
    Language language,
    String rawPassword) {}
