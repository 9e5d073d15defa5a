/**
 * Customer accounts: sign-up and confirmation, credentials, profile and email address, and the
 * operator's edits of an account.
 */
package org.handover.account;
