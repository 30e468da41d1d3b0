# A prefLabel in English.
BASE <https://w3id.org/cngov-kg/id/>
PREFIX kg: <https://w3id.org/cngov-kg/ontology#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>

DELETE DATA { <program/8b3e52d1af9c4067> skos:prefLabel "促消费、保发展、惠民生系列活动"@zh } ;
INSERT DATA { <program/8b3e52d1af9c4067> skos:prefLabel "consumption campaign"@en } ;
