# An article that ends before it starts.
BASE <https://w3id.org/cngov-kg/id/>
PREFIX kg: <https://w3id.org/cngov-kg/ontology#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>

DELETE DATA { <article/000_db3279ee40e395c9/2> kg:endOffset 3870 } ;
INSERT DATA { <article/000_db3279ee40e395c9/2> kg:endOffset 2000 } ;
