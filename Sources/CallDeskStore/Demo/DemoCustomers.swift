import CallDeskCore
import Foundation

/// What is known of customer `i` without generating it: drawn from its own stream, so that a
/// neighbour can share its number, surname and address (a family, a company switchboard).
struct DemoCustomerProfile: Sendable {
    let isCompany: Bool
    let female: Bool
    let surname: Int
    let province: Int
    let street: Int
    let house: Int
    let lane: Int
    let phones: [DemoPhone]
}

/// A generated customer, as the history generator needs it.
struct DemoCustomerContext {
    let index: Int
    let id: String
    let created: Int64
    let deleted: Int64?
    let owner: Int?
    let isCompany: Bool
    let phones: [DemoPhone]
    /// `phones` as the office PBX and the cloud PBX write them.
    let pbxNational: [String]
    let pbxInternational: [String]
    let sources: [Int]
    let isVIP: Bool
}

extension DemoCompany {
    static let phoneCountTable = WeightedTable([68, 26, 6])

    func profile(of index: Int) -> DemoCustomerProfile {
        var rng = DemoRandom(seed: options.seed, stream: DemoStream.profile, index: UInt64(index))
        let isCompany = rng.bool(0.12)
        let female = rng.bool(0.52)
        let surname = rng.pick(DemoNames.surnameTable)
        let province = rng.pick(DemoPlaces.provinceTable)
        let street = rng.below(DemoPlaces.provinces[province].streets.count)
        let house = 1 + min(Int(rng.exponential(mean: 90)), 698)
        let lane = rng.bool(0.4) ? rng.int(in: 2...199) : 0
        var phones: [DemoPhone] = []
        for slot in 0...rng.pick(DemoCompany.phoneCountTable) {
            let serial = UInt64(index) * 4 + UInt64(slot)  // slot 3 is kept for numbers nobody owns
            let landline = isCompany ? (slot == 0 ? 0.6 : 0.25) : (slot == 0 ? 0.03 : 0.15)
            if rng.bool(landline) {
                let home = rng.bool(0.85) ? province : rng.pick(DemoPlaces.provinceTable)
                let area = DemoPlaces.provinces[home].areaCode
                phones.append(DemoPhoneBook.landline(area: area, serial: serial, salt: phoneSalt &+ area))
            } else {
                phones.append(DemoPhoneBook.mobile(serial: serial, salt: phoneSalt))
            }
        }
        return DemoCustomerProfile(isCompany: isCompany, female: female, surname: surname, province: province,
                                   street: street, house: house, lane: lane, phones: phones)
    }

    /// A mobile number that belongs to no customer (serial slot 3 of customer `index`).
    func strangerPhone(_ index: Int) -> DemoPhone {
        DemoPhoneBook.mobile(serial: UInt64(index) * 4 + 3, salt: phoneSalt)
    }
}

extension DemoChunkBuilder {
    mutating func addCustomer(_ index: Int) {
        var rng = DemoRandom(seed: company.options.seed, stream: DemoStream.customer, index: UInt64(index))
        let profile = company.profile(of: index)
        var phones = profile.phones
        var surname = profile.surname
        var home = profile
        if index > 0, rng.bool(0.008) {  // shares a number with the customer before it
            let neighbour = company.profile(of: index - 1)
            let shared = neighbour.phones[0]
            if !phones.contains(shared) {
                if phones.count == 3 { phones[2] = shared } else { phones.append(shared) }
            }
            if !profile.isCompany, !neighbour.isCompany {  // a family: one address, often one surname
                if rng.bool(0.5) { surname = neighbour.surname }
                home = neighbour
            }
        }
        let id = DemoText.code("C", index + 1, width: 7)
        let created = creationInstant(using: &rng)
        let deleted: Int64? = rng.bool(0.005) ? rng.int64(in: created...clock.now) : nil
        let owner = pickOwner(createdAt: created, using: &rng)
        var record = CustomerRecord(id: id, name: "", ownerEmail: owner.map { org.staff[$0].record.email },
                                    createdAt: clock.date(created), deletedAt: deleted.map(clock.date))
        if profile.isCompany {
            let brand = rng.pick(DemoNames.companyBrands)
            record.name = DemoNames.companyForms[rng.pick(DemoNames.companyFormTable)] + " "
                + rng.pick(DemoNames.companyTrades) + " " + brand.text
            if rng.bool(0.7) {
                record.emails.append(rng.pick(["info@", "lienhe@", "sales@"]) + brand.ascii
                                     + rng.pick([".vn", ".com.vn", ".com"]))
            }
            if rng.bool(0.2) { record.emails.append("ketoan@" + brand.ascii + ".vn") }
        } else {
            let person = DemoNames.person(female: profile.female, surname: surname, using: &rng)
            record.name = person.fullName
            if rng.bool(0.35) { record.emails.append(personalEmail(person, using: &rng)) }
        }
        record.phones = phones.enumerated().map { slot, phone in
            if profile.isCompany, !phone.isMobile, slot == 0, rng.bool(0.1) {
                return DemoPhoneBook.withExtension(phone, extension: rng.int(in: 101...130))
            }
            let styles = phone.isMobile ? DemoPhoneBook.mobileStyles : DemoPhoneBook.landlineStyles
            return DemoPhoneBook.typed(phone, style: rng.pick(styles))
        }
        if rng.bool(0.92) {
            record.address = DemoPlaces.address(province: home.province, street: home.street, house: home.house,
                                                lane: home.lane)
        }
        let sources = pickSources(using: &rng)
        record.sourceIDs = sources.map { DemoCatalog.sources[$0].id }
        record.groupIDs = pickGroups(isCompany: profile.isCompany, using: &rng)
        bundle.customers.append(record)

        let context = DemoCustomerContext(
            index: index, id: id, created: created, deleted: deleted, owner: owner, isCompany: profile.isCompany,
            phones: phones, pbxNational: phones.map(\.pbxNational), pbxInternational: phones.map(\.pbxInternational),
            sources: sources, isVIP: record.groupIDs.contains { $0.hasPrefix("vip") })
        addHistory(context, using: &rng)
    }

    /// Inside the history, a third more a day at its end than at its start; before it (30 % of all
    /// customers), fewer and fewer going back. Today's never after `now`. Mostly 07:00–22:00.
    private func creationInstant(using rng: inout DemoRandom) -> Int64 {
        let hour = DemoClock.hour
        let timeOfDay = rng.bool(0.85)
            ? 7 * hour + rng.int64(in: 0...(15 * hour - 1)) : rng.int64(in: 0...(24 * hour - 1))
        let days = Double(clock.today - clock.firstDay + 1)
        let rise = DemoChunkBuilder.creationRise
        if rng.bool(DemoChunkBuilder.createdBefore) {
            // Fewer and fewer going back, as many a day just before the history as on its first day.
            let before = DemoChunkBuilder.createdBefore
            let scale = before / (1 - before) * (1 + rise / 2) * days
            let daysBefore = 1 + min(Int64(rng.exponential(mean: scale)), 729)
            return clock.instant(day: clock.firstDay - daysBefore, at: timeOfDay)
        }
        // Density 1 + rise × x over the history (x from 0 to 1), by inverting its distribution function.
        let x = ((1 + 2 * rise * rng.unit() * (1 + rise / 2)).squareRoot() - 1) / rise
        let day = clock.firstDay + min(Int64(x * days), Int64(days) - 1)
        let instant = clock.instant(day: day, at: timeOfDay)
        guard instant > clock.now else { return instant }
        let midnight = clock.instant(day: clock.today, at: 0)
        return midnight + rng.int64(in: 0...(clock.now - midnight))
    }

    /// 10 % nobody; otherwise salespeople mostly, leads and heads less, customer care a little, and
    /// people who have since left — but only for customers they got before leaving.
    private func pickOwner(createdAt created: Int64, using rng: inout DemoRandom) -> Int? {
        guard !rng.bool(0.1) else { return nil }
        for _ in 0..<8 {
            let candidate = org.owners[rng.pick(org.ownerTable)]
            if let left = org.staff[candidate].leftAt, created > left - 14 * DemoClock.day { continue }
            return candidate
        }
        return org.loginSalesperson
    }

    private func personalEmail(_ person: DemoPersonName, using rng: inout DemoRandom) -> String {
        let domain = "@" + DemoNames.mailDomains[rng.pick(DemoNames.mailDomainTable)]
        let year = rng.int(in: 1965...2004)
        switch rng.below(4) {
        case 0: return person.given.ascii + person.surname.ascii + String(String(year % 100 + 100).dropFirst()) + domain
        case 1: return person.surname.ascii + person.middle.ascii + person.given.ascii + domain
        case 2: return person.given.ascii + "." + person.surname.ascii + domain
        default: return person.given.ascii + person.surname.ascii + String(year) + domain
        }
    }

    private func pickSources(using rng: inout DemoRandom) -> [Int] {
        let count = rng.pick(DemoChunkBuilder.sourceCountTable)
        var picked: [Int] = []
        while picked.count < count {
            let source = rng.pick(DemoCatalog.sourceTable)
            if !picked.contains(source) { picked.append(source) }
        }
        return picked
    }

    /// The share of customers created before the history.
    static let createdBefore = 0.3
    /// How much busier the end of the history is than its start, in new customers a day.
    static let creationRise = 0.3

    private static let sourceCountTable = WeightedTable([10, 62, 22, 6])

    private func pickGroups(isCompany: Bool, using rng: inout DemoRandom) -> [String] {
        var groups: [String] = []
        if isCompany {
            switch rng.unit() {
            case ..<0.65: groups.append("sme")
            case ..<0.85: groups.append("dn_lon")
            case ..<0.9: groups.append("doanh_nghiep")
            default: break
            }
        } else if rng.bool(0.55) {
            groups.append("le")
        }
        if rng.bool(0.07) { groups.append(rng.bool(0.35) ? "vip_vang" : "vip_bac") }
        return groups
    }
}
