"""Short wire stories written for these tests (invented events, real-world style)."""

STORIES = [
    "ISLAMABAD, Jan 27 (IANS) Leaders of Hamas met commanders of Lashkar-e-Taiba at a rally in Rawalakot on "
    "Wednesday, a report by a Washington think tank said, warning of a growing nexus between the two groups.",
    "NEW DELHI, Jan 28 (IANS) India summoned a senior Pakistani diplomat on Thursday to protest against the "
    "Rawalakot rally, the foreign ministry said in a statement, calling the meeting a threat to regional peace.",
    "LAHORE, Jan 29 (IANS) Police in Punjab arrested six men suspected of raising funds for Jaish-e-Mohammed, "
    "a provincial counter-terrorism official said on Friday, adding that the cell had links to a seminary.",
    "KABUL, Jan 30 (IANS) The Taliban government rejected claims that militants crossed into Pakistan from "
    "Afghan soil, a spokesman said on Saturday, and urged Islamabad to hold talks instead of issuing threats.",
    "GENEVA, Feb 2 (IANS) The United Nations envoy said on Monday that talks between the warring parties had "
    "stalled over prisoner exchanges, and that a new round would open in Geneva later in the month.",
    "WASHINGTON, Feb 3 (IANS) The State Department designated a new front group of Lashkar-e-Taiba as a "
    "terrorist organisation on Tuesday, freezing its assets and barring Americans from dealing with it.",
    "DHAKA, Feb 4 (IANS) Bangladesh deported two foreign nationals accused of recruiting for an armed group, "
    "the home ministry said on Wednesday, after a month-long investigation by the police in Dhaka.",
    "ANKARA, Feb 5 (IANS) Turkey and Pakistan signed an agreement on defence cooperation on Thursday, the "
    "Turkish defence ministry said, covering training, joint exercises and the supply of naval vessels.",
]
