import Foundation
import Testing
@testable import CallDeskCore

/// Reading a data bundle: rules across records and files (domain.md, "Data bundle", "Organisation", "Sales").
@Suite struct BundleReaderRuleTests {
    private let read = BundleFixture.read

    // MARK: References

    @Test func returnsReferencesTheBundleCannotResolveForTheDatabaseToCheck() {
        var files = BundleFixture.valid(appending: "U4,Hoa,hoa@anphat.vn,D9,,,,", to: "users.csv")
        files["customers.csv", default: ""] += "C3,Hà,,,,S1;S9,G9,boss@anphat.vn,2026-11-02T09:15:00Z,\n"
        files["tasks.csv", default: ""] += "T2,call,Gọi,C9,O9,Minh@AnPhat.vn,,2026-12-02T10:00:00Z,,open,\n"
        files["orders.csv", default: ""] += "DH2,C9,,,2026-12-02T10:00:00Z,0,pending\n"
        files["payments.csv", default: ""] += "P2,DH9,1,2026-12-06T10:00:00+07:00,\n"
        files["opportunities.csv", default: ""] += "O2,C1,K9,,,,2026-12-02T08:00:00+07:00,\n"
        files["groups.csv", default: ""] += "G3,Thân thiết,G8\n"

        let result = read(files)

        #expect(result.errorTexts == [])
        #expect(result.references.map(\.description) == [
            "users.csv:5: department_id: department \"D9\"",
            "groups.csv:4: parent_id: group \"G8\"",
            "customers.csv:5: source_ids: source \"S9\"",
            "customers.csv:5: group_ids: group \"G9\"",
            "customers.csv:5: owner_email: user email \"boss@anphat.vn\"",
            "opportunities.csv:3: campaign_id: campaign \"K9\"",
            "tasks.csv:3: customer_id: customer \"C9\"",
            "tasks.csv:3: opportunity_id: opportunity \"O9\"",
            "orders.csv:3: customer_id: customer \"C9\"",
            "payments.csv:3: order_id: order \"DH9\"",
        ])
        #expect(result.references[0].unknownIssue.description
            == "users.csv:5: department_id: unknown department \"D9\"")
        #expect(result.referencedValues[.customer] == ["C9"])
    }

    @Test func matchesUserEmailsIgnoringCaseButKeepsThemAsWritten() {
        let result = read(BundleFixture.valid(appending: "U4,Hoa,Hoa.Tran@AnPhat.vn,,,,,", to: "users.csv"))

        #expect(result.errors.isEmpty)
        #expect(result.bundle.users.last?.email == "Hoa.Tran@AnPhat.vn")
        #expect(result.bundle.departments.first { $0.id == "D1" }?.headEmail == "LAN@anphat.vn")
    }

    @Test func refusesAnEmailThatIsNotOneOrIsTakenIgnoringCase() {
        let result = read(BundleFixture.valid(appending: "U4,Hoa,hoa at anphat,,,,,\nU5,Lan 2,Lan@AnPhat.VN,,,,,",
                                              to: "users.csv"))

        #expect(result.errorTexts == [
            "users.csv:5: email: \"hoa at anphat\" is not an email address",
            "users.csv:6: email: email \"Lan@AnPhat.VN\" is already used by user \"U1\" on line 2 (emails are compared "
                + "ignoring case)",
        ])
    }

    @Test func refusesAReferenceColumnThatHoldsNoEmail() {
        let departments = "id,name,parent_id,head_email\nD1,Kinh doanh,,Lan\n"
        let result = read(BundleFixture.valid(["departments.csv": departments]))

        #expect(result.errorTexts == ["departments.csv:2: head_email: \"Lan\" is not an email address"])
    }

    // MARK: Department and group trees

    @Test func refusesEveryDepartmentOfACycleButAllowsSeveralRoots() {
        let result = read(BundleFixture.valid(["departments.csv": """
            id,name,parent_id,head_email
            D1,Kinh doanh,,
            D2,Miền Bắc,D4,
            D3,Miền Nam,D2,
            D4,Hà Nội,D3,
            D5,Chăm sóc,,
            D6,Tự lặp,D6,
            D7,Dưới vòng,D2,
            """]))

        #expect(result.errorTexts == [
            "departments.csv:3: parent_id: department \"D2\" is in a cycle of parent_id links "
                + "(D2 → D4 → D3 → D2); a department cannot be inside itself",
            "departments.csv:4: parent_id: department \"D3\" is in a cycle of parent_id links "
                + "(D3 → D2 → D4 → D3); a department cannot be inside itself",
            "departments.csv:5: parent_id: department \"D4\" is in a cycle of parent_id links "
                + "(D4 → D3 → D2 → D4); a department cannot be inside itself",
            "departments.csv:7: parent_id: department \"D6\" is in a cycle of parent_id links (D6 → D6); "
                + "a department cannot be inside itself",
        ])
    }

    @Test func refusesACycleOfGroups() {
        let result = read(BundleFixture.valid(["groups.csv": "id,name,parent_id\nG1,VIP,G2\nG2,VIP Hà Nội,G1\n"]))

        #expect(result.errorPlaces == ["groups.csv:2: parent_id", "groups.csv:3: parent_id"])
    }

    // MARK: Extensions (telesales-report.md R13)

    @Test func readsExtensionsTrimmedWithEmptyItemsDropped() {
        let result = read(BundleFixture.valid(appending: "U4,Hoa,hoa@anphat.vn,,,,; 301 ;;VFONE : 302;,",
                                              to: "users.csv"))

        #expect(result.errors.isEmpty)
        #expect(result.bundle.users.last?.extensions == [ExtensionRef(number: "301"),
                                                         ExtensionRef(number: "302", providerCode: "VFONE")])
    }

    @Test func refusesAnExtensionThatIsNotTwoToEightDigits() {
        let result = read(BundleFixture.valid(appending: "U4,Hoa,hoa@anphat.vn,,,,7;123456789;10a;:55;A B:66;1:2:3,",
                                              to: "users.csv"))

        let hint = "is not an extension; use 2 to 8 digits, optionally after a provider code (e.g. 101 or VFONE:212)"
        #expect(result.errorTexts == ["7", "123456789", "10a", ":55", "A B:66", "1:2:3"].map {
            "users.csv:5: extensions: \"\($0)\" \(hint)"
        })
    }

    @Test func refusesAnExtensionGivenToTwoUsers() {
        let result = read(BundleFixture.valid(appending: """
            U4,Hoa,hoa@anphat.vn,,,,VFONE:212,
            U5,Tú,tu@anphat.vn,,,,212,
            U6,Nam,nam@anphat.vn,,,,OTHER:101,
            U7,Vy,vy@anphat.vn,,,,OTHER:555;555,
            U8,Lộc,loc@anphat.vn,,,,556;556,
            U9,Khoa,khoa@anphat.vn,,,,OTHER:102;OTHER:212,
            """, to: "users.csv"))

        let why = "an untagged extension matches calls from every provider"
        #expect(result.errorTexts == [
            "users.csv:5: extensions: extension VFONE:212 is already given to user \"U1\" on line 2; an extension "
                + "belongs to one user at a time",
            "users.csv:6: extensions: extension 212 clashes with VFONE:212 of user \"U1\" on line 2: \(why)",
            "users.csv:7: extensions: extension OTHER:101 clashes with 101 of user \"U1\" on line 2: \(why)",
            "users.csv:8: extensions: extension 555 overlaps OTHER:555 in the same list: \(why)",
            "users.csv:9: extensions: extension 556 is listed twice",
            "users.csv:10: extensions: extension OTHER:102 clashes with 102 of user \"U2\" on line 3: \(why)",
        ])
        #expect(result.errorTexts.allSatisfy { !$0.contains("OTHER:212") },
                "a different provider's 212 is another extension")
    }

    // MARK: Orders, opportunities and time order

    @Test func refusesAnOrderWhoseTotalIsNotTheSumOfItsLines() {
        var files = BundleFixture.valid(appending: "DH2,C2,,,2026-12-02T10:00:00Z,100,pending\n"
                                        + "DH3,C2,,,2026-12-02T10:00:00Z,1,pending", to: "orders.csv")
        files["order_lines.csv", default: ""] += "DH2,,,3,30\nDH2,,,1,9\n"
            + "DH3,,,4611686018427387904,2\nDH3,,,9223372036854775807,1\nDH3,,,1,1\n"

        let result = read(files)

        #expect(result.errorTexts == [
            "orders.csv:3: total: total 100 does not equal the sum of this order's lines in order_lines.csv "
                + "(99, from quantity × unit_price)",
            "orders.csv:4: total: the sum of this order's lines in order_lines.csv (quantity × unit_price) "
                + "is too large",
            "order_lines.csv:6: unit_price: quantity × unit_price (4611686018427387904 × 2) is too large",
        ])
    }

    @Test func acceptsAnOrderWithoutLines() {
        let result = read(BundleFixture.valid(["order_lines.csv": nil]))

        #expect(result.errors.isEmpty)
    }

    @Test func refusesATaskOrOrderWhoseOpportunityBelongsToAnotherCustomer() {
        var files = BundleFixture.valid(appending: "T2,call,Gọi,C2,O1,,,2026-12-02T10:00:00Z,,open,\n"
                                        + "T3,call,Gọi,,O1,,,2026-12-02T10:00:00Z,,open,", to: "tasks.csv")
        files["orders.csv", default: ""] += "DH2,C2,O1,,2026-12-02T10:00:00Z,0,pending\n"

        let result = read(files)

        let message = "opportunity_id: opportunity \"O1\" belongs to customer \"C1\", "
            + "not to customer \"C2\" named in customer_id"
        #expect(result.errorTexts == ["tasks.csv:3: \(message)", "orders.csv:3: \(message)"])
    }

    @Test func refusesDeletionOrCompletionBeforeCreation() {
        var files = BundleFixture.valid(appending: "C3,Hà,,,,,,,2026-11-02T09:15:00+07:00,2026-11-02T09:14:59+07:00",
                                        to: "customers.csv")
        files["tasks.csv", default: ""] += "T2,call,Gọi,,,,,2026-12-02T10:00:00Z,,done,2026-12-02T16:59:00+07:00\n"
        files["opportunities.csv", default: ""] += "O2,C2,K1,,,,2026-12-02T08:00:00Z,2026-12-01T08:00:00Z\n"

        let result = read(files)

        #expect(result.errorTexts == [
            "customers.csv:5: deleted_at: deleted_at 2026-11-02T09:14:59+07:00 is before "
                + "created_at 2026-11-02T09:15:00+07:00",
            "opportunities.csv:3: deleted_at: deleted_at 2026-12-01T08:00:00Z is before "
                + "created_at 2026-12-02T08:00:00Z",
            "tasks.csv:3: completed_at: completed_at 2026-12-02T16:59:00+07:00 is before "
                + "created_at 2026-12-02T10:00:00Z",
        ])
    }

    @Test func refusesACustomerTwiceInACampaignThatDoesNotAllowDuplicates() {
        var files = BundleFixture.valid(appending: "O2,C1,K1,,,,2026-12-02T08:00:00Z,\n"
                                        + "O3,C1,K1,,,,2026-12-02T08:00:00Z,2026-12-03T08:00:00Z\n"
                                        + "O4,C1,K2,,,,2026-12-02T08:00:00Z,\nO5,C1,K2,,,,2026-12-02T08:00:00Z,",
                                        to: "opportunities.csv")
        files["campaigns.csv", default: ""] += "K2,Hè,,,,,true\n"

        let result = read(files)

        #expect(result.errorTexts == [
            "opportunities.csv:3: customer_id: customer \"C1\" is already in campaign \"K1\" on line 2, "
                + "and the campaign does not allow duplicates (allow_duplicates)",
        ])
    }

    @Test func warnsAboutWhatIsOddButImportable() {
        var files = BundleFixture.valid(appending: "C3,Hà,,ha@;ha@example.com,,,,,2026-11-02T09:15:00Z,",
                                        to: "customers.csv")
        files["opportunities.csv", default: ""] += "O2,C2,K1,,Đã gọi,,2026-12-02T08:00:00Z,\n"
        files["calls.csv", default: ""] += "CALL-3,,outbound,,,0911,2026-12-02T10:00:00Z,2026-12-02T09:59:00Z,"
            + "2026-12-02T09:58:00Z,,0,,\n"

        let result = read(files)

        #expect(result.errors.isEmpty)
        #expect(result.warningTexts == [
            "customers.csv:5: emails: \"ha@\" does not look like an email address; it is imported as written",
            "opportunities.csv:3: stage: stage \"Đã gọi\" is not one of campaign \"K1\"'s stages "
                + "(Mới, Quan tâm, Chốt)",
            "calls.csv:4: answered_at: answered_at 2026-12-02T09:59:00Z is before started_at 2026-12-02T10:00:00Z",
            "calls.csv:4: ended_at: ended_at 2026-12-02T09:58:00Z is before started_at 2026-12-02T10:00:00Z",
        ])
        #expect(result.bundle.customers.last?.emails == ["ha@", "ha@example.com"])
    }
}
