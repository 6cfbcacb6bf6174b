import Foundation

/// orders.csv, order_lines.csv, payments.csv (domain.md, "Sales").
extension BundleParser {
    /// What order_lines.csv adds up to for one order.
    enum LineTotal {
        case sum(Int64)
        /// `quantity × unit_price` or the sum does not fit in 64 bits.
        case overflow
        /// A line could not be read, so the sum is not known (that line has its own error).
        case unknown
    }

    func orderReader(_ columns: BundleColumns) -> (BundleRow) -> Void {
        let id = columns["id"], customer = columns["customer_id"], opportunity = columns["opportunity_id"]
        let createdBy = columns["created_by_email"], createdAt = columns["created_at"]
        let total = columns["total"], status = columns["status"]
        return { row in
            let mark = self.errors.count
            let idValue = self.registeredID(row, id)
            let customerID = row.reference(customer, .customer, required: true)
            let opportunityID = row.reference(opportunity, .opportunity)
            self.checkOpportunityCustomer(row, opportunity, opportunityID, customerID)
            let createdByEmail = row.userEmail(createdBy)
            let created = row.time(createdAt, required: true)
            let totalValue = row.number(total, .money, required: true)
            let statusValue: OrderStatus? = row.choice(status, "order status", required: true)
            guard let idValue, let customerID, let created, let totalValue, let statusValue,
                  self.errors.count == mark
            else { return }
            self.orderIndex[idValue] = self.bundle.orders.count
            self.bundle.orders.append(OrderRecord(
                line: row.line, id: idValue, customerID: customerID, opportunityID: opportunityID,
                createdByEmail: createdByEmail, createdAt: created, total: totalValue, status: statusValue))
        }
    }

    func orderLineReader(_ columns: BundleColumns) -> (BundleRow) -> Void {
        let order = columns["order_id"], productCode = columns["product_code"], name = columns["name"]
        let quantity = columns["quantity"], unitPrice = columns["unit_price"]
        return { row in
            let mark = self.errors.count
            let orderID = row.reference(order, .order, required: true)
            let code = row.key(productCode)
            let nameValue = row.text(name)
            let quantityValue = row.number(quantity, .count, required: true)
            let price = row.number(unitPrice, .money, required: true)
            guard let orderID else { return }
            guard let quantityValue, let price else {
                self.lineTotals[orderID] = .unknown
                return
            }
            let (amount, overflow) = quantityValue.multipliedReportingOverflow(by: price)
            if overflow {
                row.fail(unitPrice, "quantity × unit_price (\(quantityValue) × \(price)) is too large")
            }
            switch (self.lineTotals[orderID] ?? .sum(0), overflow) {
            case (.unknown, _): break
            case (_, true), (.overflow, _): self.lineTotals[orderID] = .overflow
            case (.sum(let sum), false):
                let (next, sumOverflow) = sum.addingReportingOverflow(amount)
                self.lineTotals[orderID] = sumOverflow ? .overflow : .sum(next)
            }
            guard self.errors.count == mark else { return }
            self.bundle.orderLines.append(OrderLineRecord(
                line: row.line, orderID: orderID, productCode: code, name: nameValue, quantity: quantityValue,
                unitPrice: price))
        }
    }

    /// An order with lines must have the lines' total (domain.md, "Data bundle"); reported on the order.
    func checkOrderTotals() {
        let orders = lineTotals.compactMap { id, total in orderIndex[id].map { (bundle.orders[$0], total) } }
        for (order, total) in orders.sorted(by: { $0.0.line < $1.0.line }) {
            switch total {
            case .unknown:
                break
            case .overflow:
                error(file: .orders, line: order.line, "total",
                      "the sum of this order's lines in order_lines.csv (quantity × unit_price) is too large")
            case .sum(let sum) where sum != order.total:
                error(file: .orders, line: order.line, "total",
                      "total \(order.total) does not equal the sum of this order's lines in order_lines.csv "
                      + "(\(sum), from quantity × unit_price)")
            case .sum:
                break
            }
        }
    }

    func paymentReader(_ columns: BundleColumns) -> (BundleRow) -> Void {
        let id = columns["id"], order = columns["order_id"], amount = columns["amount"]
        let paidAt = columns["paid_at"], method = columns["method"]
        return { row in
            let mark = self.errors.count
            let idValue = self.registeredID(row, id)
            let orderID = row.reference(order, .order, required: true)
            let amountValue = row.number(amount, .money, required: true)
            if amountValue == 0 {
                row.fail(amount, "amount must be greater than 0")
            }
            let paid = row.time(paidAt, required: true)
            let methodValue = row.text(method)
            guard let idValue, let orderID, let amountValue, let paid, self.errors.count == mark else { return }
            self.bundle.payments.append(PaymentRecord(
                line: row.line, id: idValue, orderID: orderID, amount: amountValue, paidAt: paid, method: methodValue))
        }
    }
}
