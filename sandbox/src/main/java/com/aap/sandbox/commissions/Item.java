package com.aap.sandbox.commissions;

/** One line of an order; accessor names match the GraphQL {@code CommissionItem} fields. */
public record Item(String sku, int quantity, long perItemCents, long commissionCents) {

  public String perItemSaleAmountAdvCurrency() {
    return Money.format(perItemCents);
  }

  public String totalCommissionAdvCurrency() {
    return Money.format(commissionCents);
  }

  long saleCents() {
    return perItemCents * quantity;
  }

  Item negated() {
    return new Item(sku, -quantity, perItemCents, -commissionCents);
  }
}
