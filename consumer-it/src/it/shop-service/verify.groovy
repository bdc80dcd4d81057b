// After both builds: the generated classes exist, and the second build found them up to date.
def generated = new File(basedir, 'target/generated-sources/jooq/com/example/shop/db/shop/tables/Accounts.java')
assert generated.isFile() : "no generated class at ${generated}"
assert new File(basedir, 'target/generated-sources/jooq/com/example/shop/db/auth/tables/Accounts.java').isFile()
def log = new File(basedir, 'build.log').text
assert log.contains('are up to date with the migrations') : 'the second build ran codegen again'
return true
