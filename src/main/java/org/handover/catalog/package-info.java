/**
 * The services a provider sells, their contacts and owner records, and the customer's My services
 * list.
 */
package org.handover.catalog;
