/**
 * The staff console's people and rights: staff sign-in, roles, four-eyes actions and customer
 * session control.
 */
package org.handover.staff;
