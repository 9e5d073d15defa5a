/**
 * What every feature shares: configuration, clock, languages, customer IDs, confirmation codes,
 * errors and database plumbing.
 */
package org.handover.system;
