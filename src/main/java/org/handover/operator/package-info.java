/** The provider's side: the operator API, webhooks and the bulk import of services. */
package org.handover.operator;
