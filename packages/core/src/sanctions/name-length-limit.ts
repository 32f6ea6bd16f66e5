/**
 * The longest name or alias, in characters, an OFAC entry may carry: 1,000. OFAC's own data specification
 * gives names 350 characters (SDN_Name, alt_name); the longest in the shipped and shared lists (2015-2024,
 * every format) is 196. Every importer refuses a longer name, naming its file and line, and the search
 * index asserts the bound: each token of every name is compared character by character with the query's,
 * so one unbounded name (a 200 MB name field) would make every search slow.
 */
export const maxNameChars = 1_000;
