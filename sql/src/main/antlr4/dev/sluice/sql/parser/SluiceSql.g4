/*
 * The StarRocks statement subset Sluice understands, plus a full expression grammar.
 *
 * Conventions (they matter to the Java side in dev.sluice.sql):
 * - Keywords are case-insensitive. Only words that would make the grammar ambiguous are
 *   reserved; every other keyword is listed in `nonReserved` so users can name columns
 *   `type`, `key`, `date`, `partition`, ... without backquotes, as in StarRocks.
 * - Strings may be '...' or "..." (MySQL); identifiers are bare or `backquoted`.
 * - Errors are never recovered from: dev.sluice.sql.SyntaxErrorStrategy throws on the
 *   first one, so the grammar has no error alternatives except the lexer's
 *   UNTERMINATED_* and UNRECOGNIZED tokens, which the token scanner turns into messages.
 */
grammar SluiceSql;

options { caseInsensitive = true; }

// ---------------------------------------------------------------- entry points

script
    : SEMICOLON* (statement (statementEnd statement)* statementEnd?)? EOF
    ;

// `\G` (mysql's "vertical output") ends a statement like ';' does; `\G;` is one terminator.
statementEnd
    : VERTICAL SEMICOLON*
    | SEMICOLON+
    ;

standaloneExpression
    : expression EOF
    ;

standaloneColumnMappings
    : columnMapping (COMMA columnMapping)* EOF
    ;

// ---------------------------------------------------------------- statements
// Shaped so that, after a statement's first keyword, the next token alone picks the
// statement: a wrong token is then reported with the precise list of what may come there
// (an LL(k) choice could only say "no viable alternative").

statement
    : createStatement
    | dropStatement
    | showStatement
    | describeStatement
    | useStatement
    | alterRoutineLoadStatement
    | pauseRoutineLoadStatement
    | resumeRoutineLoadStatement
    | stopRoutineLoadStatement
    | setDefaultStorageVolumeStatement
    | queryStatement
    ;

createStatement : CREATE createTarget ;

createTarget
    : DATABASE (IF NOT EXISTS)? identifier                                      #createDatabase
    | TABLE (IF NOT EXISTS)? qualifiedName
      LEFT_PAREN columnDefinition (COMMA columnDefinition)* RIGHT_PAREN
      tableClause*                                                              #createTable
    | ROUTINE LOAD job=qualifiedName ON table=identifier
      (loadProperty (COMMA loadProperty)*)?
      propertiesClause?
      FROM source=identifier propertyList?                                      #createRoutineLoad
    | STORAGE VOLUME (IF NOT EXISTS)? name=identifier
      TYPE EQ type=identifier
      LOCATIONS EQ LEFT_PAREN locations+=string (COMMA locations+=string)* RIGHT_PAREN
      (COMMENT comment=string)?
      propertiesClause?                                                         #createStorageVolume
    | FILE name=string ((FROM | IN) database=identifier)? propertiesClause      #createFile
    ;

dropStatement : DROP dropTarget ;

dropTarget
    : DATABASE (IF EXISTS)? identifier              #dropDatabase
    | TABLE (IF EXISTS)? qualifiedName              #dropTable
    | STORAGE VOLUME (IF EXISTS)? identifier        #dropStorageVolume
    | FILE name=string ((FROM | IN) database=identifier)? propertiesClause?  #dropFile
    ;

showStatement : SHOW showTarget ;

showTarget
    : DATABASES                                                         #showDatabases
    | TABLES ((FROM | IN) identifier)?                                  #showTables
    | ALL? ROUTINE LOAD (TASK routineLoadTaskFilter | routineLoadJobFilter)  #showRoutineLoad
    | STORAGE VOLUMES                                                   #showStorageVolumes
    | FILE ((FROM | IN) identifier)?                                    #showFiles
    ;

routineLoadJobFilter  : (FOR qualifiedName)? ((FROM | IN) identifier)? ;
routineLoadTaskFilter : ((FROM | IN) identifier)? WHERE expression ;

describeStatement : (DESC | DESCRIBE) describeTarget ;

describeTarget
    : STORAGE VOLUME identifier       #describeStorageVolume
    | qualifiedName                   #describeTable
    ;

useStatement : USE identifier ;

alterRoutineLoadStatement
    : ALTER ROUTINE LOAD FOR job=qualifiedName
      (loadProperty (COMMA loadProperty)*)?
      propertiesClause?
      (FROM source=identifier propertyList?)?
    ;

pauseRoutineLoadStatement        : PAUSE ROUTINE LOAD FOR qualifiedName ;
resumeRoutineLoadStatement       : RESUME ROUTINE LOAD FOR qualifiedName ;
stopRoutineLoadStatement         : STOP ROUTINE LOAD FOR qualifiedName ;
setDefaultStorageVolumeStatement : SET identifier AS DEFAULT STORAGE VOLUME ;

// ---- CREATE TABLE pieces

// Any order, as StarRocks' own documentation is not consistent about it (one seed puts
// AGGREGATE KEY before ENGINE); duplicates are rejected when the tree is built.
tableClause
    : engineClause
    | keysClause
    | tableCommentClause
    | partitionClause
    | distributionClause
    | orderByClause
    | propertiesClause
    ;

engineClause       : ENGINE EQ identifier ;
keysClause         : keysType=(DUPLICATE | PRIMARY | UNIQUE | AGGREGATE) KEY identifierList ;
tableCommentClause : COMMENT string ;
partitionClause    : PARTITION BY partitionSpec ;

partitionSpec
    // Recognised only to be rejected with a clear message (Sluice writes value-partitioned
    // Parquet tables); the bodies are skipped as balanced token groups.
    : kind=(RANGE | LIST) LEFT_PAREN balancedTokens* RIGHT_PAREN
      LEFT_PAREN balancedTokens* RIGHT_PAREN                          #rangeOrListPartitioning
    | LEFT_PAREN expression (COMMA expression)* RIGHT_PAREN           #expressionPartitioning
    | expression (COMMA expression)*                                  #expressionPartitioning
    ;

balancedTokens
    : LEFT_PAREN balancedTokens* RIGHT_PAREN
    | ~(LEFT_PAREN | RIGHT_PAREN)
    ;

distributionClause
    : DISTRIBUTED BY (HASH identifierList | RANDOM) (BUCKETS buckets=INTEGER_VALUE)?
    ;

orderByClause : ORDER BY identifierList ;

columnDefinition
    : identifier dataType columnOption*
    ;

// StarRocks fixes the order (aggregate, nullability, default, auto-increment, comment);
// accepting any order costs nothing, and duplicates are rejected when the tree is built.
columnOption
    : aggregate=(SUM | MAX | MIN | REPLACE | REPLACE_IF_NOT_NULL | HLL_UNION | BITMAP_UNION)  #aggregateOption
    | NOT? NULL                                                                              #nullabilityOption
    | DEFAULT defaultValue                                                                   #defaultOption
    | AUTO_INCREMENT                                                                         #autoIncrementOption
    | COMMENT string                                                                         #commentOption
    ;

defaultValue
    : MINUS number
    | literal
    | (CURRENT_TIMESTAMP | CURRENT_DATE) (LEFT_PAREN RIGHT_PAREN)?
    ;

dataType
    : name=(TINYINT | SMALLINT | INT | INTEGER | BIGINT | LARGEINT)
      (LEFT_PAREN displayWidth=INTEGER_VALUE RIGHT_PAREN)?                            #integerType
    | name=(DECIMAL | DECIMALV2 | DECIMAL32 | DECIMAL64 | DECIMAL128)
      (LEFT_PAREN precision=INTEGER_VALUE (COMMA scale=INTEGER_VALUE)? RIGHT_PAREN)?  #decimalType
    | name=(CHAR | VARCHAR) (LEFT_PAREN length=INTEGER_VALUE RIGHT_PAREN)?             #characterType
    | name=(BOOLEAN | FLOAT | DOUBLE | DATE | DATETIME | STRING | JSON)                #simpleType
    ;

propertiesClause : PROPERTIES propertyList ;
propertyList     : LEFT_PAREN property (COMMA property)* RIGHT_PAREN ;
property         : key=string EQ value=string ;
identifierList   : LEFT_PAREN identifier (COMMA identifier)* RIGHT_PAREN ;

// ---- routine load pieces

loadProperty
    : COLUMNS ( TERMINATED BY separator=string
              | LEFT_PAREN columnMapping (COMMA columnMapping)* RIGHT_PAREN )        #columnsProperty
    | ROWS TERMINATED BY string                                                     #rowsProperty
    | WHERE expression                                                              #whereProperty
    | TEMPORARY? PARTITION
      ( LEFT_PAREN identifier (COMMA identifier)* RIGHT_PAREN | identifier )        #partitionProperty
    ;

columnMapping : identifier (EQ expression)? ;

// ---- queries

queryStatement
    : SELECT DISTINCT? selectItem (COMMA selectItem)*
      FROM tableReference
      (WHERE where=expression)?
      (GROUP BY groupBy+=expression (COMMA groupBy+=expression)*)?
      (HAVING having=expression)?
      (ORDER BY sortItem (COMMA sortItem)*)?
      limitClause?
    ;

selectItem
    : (qualifiedName DOT)? ASTERISK                        #selectAll
    | expression (AS? (identifier | string))?              #selectSingle
    ;

tableReference : qualifiedName (AS? identifier)? ;
sortItem       : expression ordering=(ASC | DESC)? ;

limitClause
    : LIMIT limit=INTEGER_VALUE (OFFSET offset=INTEGER_VALUE)?
    | LIMIT offset=INTEGER_VALUE COMMA limit=INTEGER_VALUE
    ;

// ---------------------------------------------------------------- expressions
// Precedence, loosest first: OR, AND, NOT, comparison/IS/IN/BETWEEN/LIKE, + -, * / %, unary -.

expression
    : NOT expression                                          #logicalNot
    | left=expression operator=(AND | LOGICAL_AND) right=expression  #logicalBinary
    | left=expression operator=(OR | LOGICAL_OR) right=expression    #logicalBinary
    | booleanExpression                                       #booleanDefault
    ;

booleanExpression
    : booleanExpression IS NOT? NULL                                   #isNull
    | left=booleanExpression comparisonOperator right=predicate        #comparison
    | predicate                                                        #predicateDefault
    ;

predicate
    : valueExpression predicateOperation?
    ;

predicateOperation
    : NOT? IN LEFT_PAREN expression (COMMA expression)* RIGHT_PAREN        #inList
    | NOT? BETWEEN lower=valueExpression AND upper=valueExpression         #between
    | NOT? kind=(LIKE | REGEXP | RLIKE) pattern=valueExpression            #like
    ;

valueExpression
    : primaryExpression                                                     #primaryDefault
    | operator=(MINUS | PLUS) valueExpression                               #unary
    | left=valueExpression operator=(ASTERISK | SLASH | PERCENT) right=valueExpression  #arithmetic
    | left=valueExpression operator=(PLUS | MINUS) right=valueExpression               #arithmetic
    ;

primaryExpression
    : literal                                                                         #literalExpression
    | CAST LEFT_PAREN expression AS dataType RIGHT_PAREN                              #cast
    | CASE operand=expression whenClause+ (ELSE elseValue=expression)? END            #simpleCase
    | CASE whenClause+ (ELSE elseValue=expression)? END                               #searchedCase
    | functionName LEFT_PAREN
      (ASTERISK | DISTINCT? expression (COMMA expression)*)? RIGHT_PAREN              #functionCall
    | name=(CURRENT_TIMESTAMP | CURRENT_DATE) (LEFT_PAREN RIGHT_PAREN)?               #specialFunction
    | qualifiedName                                                                   #columnReference
    | LEFT_PAREN expression RIGHT_PAREN                                               #parenthesized
    ;

whenClause : WHEN condition=expression THEN result=expression ;

// IF is reserved (IF NOT EXISTS) but if(cond, a, b) is one of the most used functions.
functionName : identifier | IF ;

comparisonOperator : EQ | NEQ | LT | LTE | GT | GTE | NSEQ ;

literal
    : NULL                 #nullLiteral
    | (TRUE | FALSE)       #booleanLiteral
    | number               #numericLiteral
    | string               #stringLiteral
    ;

number : INTEGER_VALUE | DECIMAL_VALUE | DOUBLE_VALUE ;
string : SINGLE_QUOTED_STRING | DOUBLE_QUOTED_STRING ;

qualifiedName : identifier (DOT identifier)* ;

identifier
    : IDENTIFIER
    | DIGIT_IDENTIFIER
    | BACKQUOTED_IDENTIFIER
    | nonReserved
    ;

nonReserved
    : AGGREGATE | AUTO_INCREMENT | BIGINT | BITMAP_UNION | BOOLEAN | BUCKETS | CHAR | COLUMNS
    | COMMENT | DATE | DATETIME | DECIMAL | DECIMALV2 | DECIMAL32 | DECIMAL64 | DECIMAL128
    | DISTRIBUTED | DOUBLE | DUPLICATE | ENGINE | FILE | FLOAT | HASH | HLL_UNION | INT | INTEGER
    | JSON | KEY | LARGEINT | LIST | LOAD | LOCATIONS | MAX | MIN | OFFSET | PARTITION | PAUSE
    | PRIMARY | PROPERTIES | RANDOM | RANGE | REPLACE | REPLACE_IF_NOT_NULL | RESUME | ROUTINE
    | ROWS | SMALLINT | STOP | STORAGE | STRING | SUM | TABLES | TASK | TEMPORARY | TERMINATED
    | TINYINT | TYPE | UNIQUE | VARCHAR | VOLUME | VOLUMES
    ;

// ---------------------------------------------------------------- lexer

// Reserved keywords.
ALL               : 'ALL';
ALTER             : 'ALTER';
AND               : 'AND';
AS                : 'AS';
ASC               : 'ASC';
BETWEEN           : 'BETWEEN';
BY                : 'BY';
CASE              : 'CASE';
CAST              : 'CAST';
CREATE            : 'CREATE';
CURRENT_DATE      : 'CURRENT_DATE';
CURRENT_TIMESTAMP : 'CURRENT_TIMESTAMP';
DATABASE          : 'DATABASE';
DATABASES         : 'DATABASES';
DEFAULT           : 'DEFAULT';
DESC              : 'DESC';
DESCRIBE          : 'DESCRIBE';
DISTINCT          : 'DISTINCT';
DROP              : 'DROP';
ELSE              : 'ELSE';
END               : 'END';
EXISTS            : 'EXISTS';
FALSE             : 'FALSE';
FOR               : 'FOR';
FROM              : 'FROM';
GROUP             : 'GROUP';
HAVING            : 'HAVING';
IF                : 'IF';
IN                : 'IN';
IS                : 'IS';
LIKE              : 'LIKE';
LIMIT             : 'LIMIT';
NOT               : 'NOT';
NULL              : 'NULL';
ON                : 'ON';
OR                : 'OR';
ORDER             : 'ORDER';
REGEXP            : 'REGEXP';
RLIKE             : 'RLIKE';
SELECT            : 'SELECT';
SET               : 'SET';
SHOW              : 'SHOW';
TABLE             : 'TABLE';
THEN              : 'THEN';
TRUE              : 'TRUE';
USE               : 'USE';
WHEN              : 'WHEN';
WHERE             : 'WHERE';

// Non-reserved keywords (keep in sync with the nonReserved rule).
AGGREGATE           : 'AGGREGATE';
AUTO_INCREMENT      : 'AUTO_INCREMENT';
BIGINT              : 'BIGINT';
BITMAP_UNION        : 'BITMAP_UNION';
BOOLEAN             : 'BOOLEAN';
BUCKETS             : 'BUCKETS';
CHAR                : 'CHAR';
COLUMNS             : 'COLUMNS';
COMMENT             : 'COMMENT';
DATE                : 'DATE';
DATETIME            : 'DATETIME';
DECIMAL             : 'DECIMAL';
DECIMALV2           : 'DECIMALV2';
DECIMAL32           : 'DECIMAL32';
DECIMAL64           : 'DECIMAL64';
DECIMAL128          : 'DECIMAL128';
DISTRIBUTED         : 'DISTRIBUTED';
DOUBLE              : 'DOUBLE';
DUPLICATE           : 'DUPLICATE';
ENGINE              : 'ENGINE';
FILE                : 'FILE';
FLOAT               : 'FLOAT';
HASH                : 'HASH';
HLL_UNION           : 'HLL_UNION';
INT                 : 'INT';
INTEGER             : 'INTEGER';
JSON                : 'JSON';
KEY                 : 'KEY';
LARGEINT            : 'LARGEINT';
LIST                : 'LIST';
LOAD                : 'LOAD';
LOCATIONS           : 'LOCATIONS';
MAX                 : 'MAX';
MIN                 : 'MIN';
OFFSET              : 'OFFSET';
PARTITION           : 'PARTITION';
PAUSE               : 'PAUSE';
PRIMARY             : 'PRIMARY';
PROPERTIES          : 'PROPERTIES';
RANDOM              : 'RANDOM';
RANGE               : 'RANGE';
REPLACE             : 'REPLACE';
REPLACE_IF_NOT_NULL : 'REPLACE_IF_NOT_NULL';
RESUME              : 'RESUME';
ROUTINE             : 'ROUTINE';
ROWS                : 'ROWS';
SMALLINT            : 'SMALLINT';
STOP                : 'STOP';
STORAGE             : 'STORAGE';
STRING              : 'STRING';
SUM                 : 'SUM';
TABLES              : 'TABLES';
TASK                : 'TASK';
TEMPORARY           : 'TEMPORARY';
TERMINATED          : 'TERMINATED';
TINYINT             : 'TINYINT';
TYPE                : 'TYPE';
UNIQUE              : 'UNIQUE';
VARCHAR             : 'VARCHAR';
VOLUME              : 'VOLUME';
VOLUMES             : 'VOLUMES';

// Operators and punctuation.
NSEQ        : '<=>';
NEQ         : '<>' | '!=';
LTE         : '<=';
GTE         : '>=';
EQ          : '=';
LT          : '<';
GT          : '>';
LOGICAL_AND : '&&';
LOGICAL_OR  : '||';
PLUS        : '+';
MINUS       : '-';
ASTERISK    : '*';
SLASH       : '/';
PERCENT     : '%';
LEFT_PAREN  : '(';
RIGHT_PAREN : ')';
COMMA       : ',';
DOT         : '.';
SEMICOLON   : ';';
// mysql client terminators: \G asks for vertical output, \g is a plain ';'.
VERTICAL    : '\\G';

SINGLE_QUOTED_STRING : '\'' ( ~['\\] | '\\' . | '\'\'' )* '\'' ;
DOUBLE_QUOTED_STRING : '"' ( ~["\\] | '\\' . | '""' )* '"' ;
BACKQUOTED_IDENTIFIER : '`' ( ~'`' | '``' )* '`' ;

INTEGER_VALUE : DIGIT+ ;
DECIMAL_VALUE : DIGIT+ '.' DIGIT* | '.' DIGIT+ ;
DOUBLE_VALUE  : DIGIT+ ('.' DIGIT*)? EXPONENT | '.' DIGIT+ EXPONENT ;

IDENTIFIER       : (LETTER | '_') (LETTER | DIGIT | '_' | '$')* ;
// MySQL allows unquoted names that start with a digit, e.g. 2024_orders.
DIGIT_IDENTIFIER : DIGIT (LETTER | DIGIT | '_' | '$')+ ;

fragment EXPONENT : 'E' [+-]? DIGIT+ ;
fragment DIGIT    : [0-9] ;
// Letters of any script, but not the spaces, byte order mark and punctuation (typographic
// quotes!) of the Latin-1, General Punctuation and CJK Symbols blocks.
fragment LETTER   : [A-Z] | [\u00A1-\u1FFF] | [\u2070-\u2FFF] | [\u3040-\uFEFE] | [\uFF00-\uFFFE] ;

SIMPLE_COMMENT    : '--' ~[\r\n]* -> channel(HIDDEN) ;
HASH_COMMENT      : '#' ~[\r\n]* -> channel(HIDDEN) ;
BRACKETED_COMMENT : '/*' .*? '*/' -> channel(HIDDEN) ;
WS                : [ \t\r\n\f\u000B\u00A0\u2000-\u200B\u3000\uFEFF]+ -> channel(HIDDEN) ;

// Error tokens: the lexer never fails; dev.sluice.sql.TokenScanner reports these with a
// message that says what is wrong ("unterminated string") instead of ANTLR's
// "token recognition error". None of them can extend past a proper terminator, so they
// only win the longest match when the terminator is really missing.
UNTERMINATED_STRING
    : '\'' ( ~['\\] | '\\' . | '\'\'' )* '\\'? EOF
    | '"' ( ~["\\] | '\\' . | '""' )* '\\'? EOF
    ;
UNTERMINATED_IDENTIFIER : '`' ( ~'`' | '``' )* EOF ;
UNTERMINATED_COMMENT    : '/*' ( ~'*' | '*'+ ~[*/] )* '*'* EOF ;
UNRECOGNIZED            : . ;
