/**
 * Signing customers in: passwords, the provider's identity provider, second factors, passkeys,
 * step-up and sessions.
 */
package org.handover.security;
